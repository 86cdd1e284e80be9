// Issue 8, section 1: how long a revoked certificate is still answered. For each connection kind, N
// revocations one after the other: prepare a fresh certificate's connection, call `revokeCertificate`
// (index, CRL written and renamed), then ask back to back until refused; the time from
// `revokeCertificate` returning to the first refusal. The server is the project's `createService` in
// its own process (bench/servers/json-server.ts); this process revokes and asks.
// Alone: node --conditions=react-server --import tsx bench/revocation.ts   (BENCH_REVOCATIONS, default 20)
import { performance } from "node:perf_hooks";
import { revokeCertificate } from "../cli/pki/revocation";
import { createMtlsClient, createWatchedMtlsClient } from "../services/common/http/mtls-client";
import { probeHealth, sessionTicket } from "../tests/support/connection-probes";
import { createTestPki, type TestPki } from "../tests/support/test-pki";
import { startChildServer } from "./lib/child-server";
import { summarize } from "./lib/measure";
import { whenRunAlone } from "./lib/run-alone";
import { formatTable, type BenchRow, type BenchTable } from "./lib/table";

const giveUpMs = 10_000;

/** Asks until `refused()` says so; returns ms from `since`, or Infinity after giveUpMs. */
async function untilRefused(since: number, refused: () => Promise<boolean>): Promise<number> {
  while (performance.now() - since < giveUpMs) {
    if (await refused()) return performance.now() - since;
  }
  return Infinity;
}

type Kind = { label: string; measure(pki: TestPki, port: number, url: string, round: number): Promise<number> };

const kinds: Kind[] = [
  {
    label: "client's kept-alive connection (one request answered before)",
    async measure(pki, _port, url, round) {
      const identity = `kept-${round}`;
      await pki.issueOne(identity, "client");
      const client = createMtlsClient(url, await pki.client(identity), { connections: 1 });
      try {
        if ((await client.json("GET", "/healthz")).status !== 200) throw new Error("not answered before revocation");
        await revokeCertificate(pki.ca, pki.files, identity);
        const t0 = performance.now();
        return await untilRefused(t0, () => client.json("GET", "/healthz").then((r) => r.status !== 200, () => true));
      } finally {
        await client.close();
      }
    },
  },
  {
    label: "client's resumed TLS session (ticket from before)",
    async measure(pki, port, _url, round) {
      const identity = `resumed-${round}`;
      await pki.issueOne(identity, "client");
      const material = await pki.client(identity);
      const ticket = await sessionTicket(port, material);
      await revokeCertificate(pki.ca, pki.files, identity);
      const t0 = performance.now();
      return untilRefused(t0, async () => !(await probeHealth(port, material, ticket)).answered);
    },
  },
  {
    label: "client's new connection",
    async measure(pki, port, _url, round) {
      const identity = `new-${round}`;
      await pki.issueOne(identity, "client");
      const material = await pki.client(identity);
      if (!(await probeHealth(port, material)).answered) throw new Error("not answered before revocation");
      await revokeCertificate(pki.ca, pki.files, identity);
      const t0 = performance.now();
      return untilRefused(t0, async () => !(await probeHealth(port, material)).answered);
    },
  },
];

export async function benchRevocation(revocations = Number(process.env.BENCH_REVOCATIONS ?? 20)): Promise<BenchTable> {
  const pki = await createTestPki();
  const server = await startChildServer("mtls", { BENCH_TLS_FILES: JSON.stringify(await pki.issue("bench-server", { usage: "server" })), BENCH_LOG_LEVEL: "error" });
  const url = `https://127.0.0.1:${server.port}`;
  try {
    const rows: BenchRow[] = [];
    const maxima: string[] = [];
    const row = (label: string, latencies: number[]) => {
      const finite = latencies.filter(Number.isFinite);
      const result = summarize(0, [{ latencies: finite, errors: latencies.length - finite.length, elapsedMs: 0, cpuMicros: 0 }]);
      rows.push({ case: label, result, ratio: null });
      maxima.push(`${label.split(" (")[0]}: max ${result.maxMs.toFixed(1)} ms`);
    };
    for (const kind of kinds) {
      const latencies: number[] = [];
      for (let round = 1; round <= revocations; round++) latencies.push(await kind.measure(pki, server.port, url, round));
      row(`service refuses ${kind.label}`, latencies);
    }

    // The other direction: the server's certificate is revoked; a client that watches its TLS files
    // (the access service's audit client; the web tier's client works the same way) drops its kept-alive connection.
    const latencies: number[] = [];
    await pki.issueOne("bench-caller", "client");
    const client = createWatchedMtlsClient(url, pki.tlsFiles("bench-caller", "client"));
    try {
      for (let round = 1; round <= revocations; round++) {
        const issued = await pki.issueOne("bench-server", "server"); // the server reloads it within a second
        const answered = () => client.json("GET", "/healthz").then((r) => r.status === 200, () => false);
        const until = performance.now() + giveUpMs;
        while (!(await answered()) && performance.now() < until) await new Promise((r) => setTimeout(r, 10));
        await revokeCertificate(pki.ca, pki.files, issued.serial);
        const t0 = performance.now();
        latencies.push(await untilRefused(t0, async () => !(await answered())));
      }
    } finally {
      await client.close();
    }
    row("watching client drops its kept-alive connection to a revoked server", latencies);

    return {
      title: `A revoked certificate refused (${revocations} revocations per row), ms from revokeCertificate returning`,
      note: [
        "requests = revocations; errors = still answered after 10 s; req/s and ratio do not apply. Target: under 1 000 ms.",
        maxima.join("; "),
      ].join("\n"),
      rows,
    };
  } finally {
    await server.stop();
    await pki.remove();
  }
}

whenRunAlone(import.meta.filename, async () => [formatTable(await benchRevocation())]);
