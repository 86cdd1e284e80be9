// Issue 11: what tracing costs on the hot path. Token introspection (RFC 7662, kept-alive mTLS, cache warm)
// against three access services, each in its own child process, measured in alternating slices:
//   none — no telemetry registered: OpenTelemetry's API is its no-op (the code as it was, but for the
//          request wrapper's no-op calls);
//   off  — the default: context manager and W3C propagator registered, a sampler that records nothing
//          (no OTEL_EXPORTER_OTLP_ENDPOINT): spans still carry ids for the logs and the next hop;
//   on   — OTEL_EXPORTER_OTLP_ENDPOINT set: every request's span recorded and exported over OTLP/HTTP to a
//          receiver in this process that discards it.
// Ratios: off / none (target >= 0.95) and on / off. Logs are silent in all three (not what is measured).
// Alone: node --conditions=react-server --import tsx bench/tracing.ts   (or: npm run bench -- tracing)
import http from "node:http";
import type { IntrospectionResponse } from "../contracts/token-api";
import { startTracing } from "../observability/tracing.mjs";
import { createMtlsClient } from "../services/common/http/mtls-client";
import { createLicenseCatalogue } from "../tests/support/license-fixtures";
import { startAccessService } from "../tests/support/start-access-service";
import { seedLicenses } from "./license-table";
import { forkBenchProcess } from "./lib/child-server";
import { compareAlternating, type Task, type Timing } from "./lib/measure";
import { whenRunAlone } from "./lib/run-alone";
import { formatTable, type BenchTable } from "./lib/table";
import { insertTokens } from "./token-introspect";

type Mode = "none" | "off" | "on";
type Ready = { port: number; client: { ca: string; cert: string; key: string }; tokens: string[] };

const tokenCount = Number(process.env.BENCH_TRACING_TOKENS ?? 200);
const form = { "content-type": "application/x-www-form-urlencoded" };

async function serveInChild(mode: Mode): Promise<void> {
  if (mode !== "none") startTracing({ service: "access", env: mode === "on" ? { OTEL_EXPORTER_OTLP_ENDPOINT: process.env.BENCH_TRACING_OTLP } : {} });
  const h = await startAccessService(`bench_tracing_${mode}`, {}, { validationCache: true, quotas: false });
  const cat = await createLicenseCatalogue(h, "bench");
  await seedLicenses(h, cat, Math.ceil(tokenCount / 4));
  const licenses = await h.prisma.$queryRaw<{ id: string; tenant_id: string }[]>`SELECT "id", "tenant_id" FROM "licenses" WHERE "status" = 'active' AND "component_id" = ${cat.reports.id} AND "ends_at" > now() + interval '2 days' ORDER BY "id"`;
  const tokens = await insertTokens(h, licenses, tokenCount, `${cat.reports.key}:read`);
  await h.validationCache?.feed.sync();
  await h.pki.issue("reports-worker");
  const material = await h.pki.client("reports-worker");
  process.send?.({ port: (h.app.server.address() as { port: number }).port, client: { ca: material.ca.toString(), cert: material.cert.toString(), key: material.key.toString() }, tokens: tokens.map((t) => t.secret) } satisfies Ready);
  process.once("disconnect", () => void h.close().finally(() => process.exit(0)));
}

/** An OTLP/HTTP endpoint that takes every export and keeps nothing but the count of bytes. */
async function discardingReceiver() {
  let bytes = 0;
  const server = http.createServer((req, res) => {
    req.on("data", (c: Buffer) => (bytes += c.length));
    req.on("end", () => res.writeHead(200, { "content-type": "application/json" }).end("{}"));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, bytes: () => bytes, close: () => new Promise<void>((r) => server.close(() => r())) };
}

export async function benchTracing(timing: Timing): Promise<BenchTable> {
  const receiver = await discardingReceiver();
  const modes: Mode[] = ["none", "off", "on"];
  const servers: Awaited<ReturnType<typeof forkBenchProcess<Ready>>>[] = [];
  for (const mode of modes) servers.push(await forkBenchProcess<Ready>(import.meta.filename, { env: { BENCH_TRACING_CHILD: mode, BENCH_TRACING_OTLP: receiver.url }, label: `tracing ${mode} server` }));
  const clients = servers.map((s) => createMtlsClient(`https://127.0.0.1:${s.ready.port}`, s.ready.client, { connections: 32 }));
  try {
    const tasks = clients.map((client, i): Task => {
      const tokens = servers[i].ready.tokens;
      let next = 0;
      return async () => {
        const res = await client.raw<IntrospectionResponse>("POST", "/oauth/introspect", new URLSearchParams({ token: tokens[next++ % tokens.length] }).toString(), form);
        if (res.status !== 200 || !res.body.active) throw new Error(`introspect answered ${res.status}`);
      };
    });
    for (const task of tasks) for (let i = 0; i < tokenCount; i++) await task(); // caches warm
    const offVsNone = await compareAlternating(tasks[0], tasks[1], 32, timing);
    const onVsOff = await compareAlternating(tasks[1], tasks[2], 32, timing);
    return {
      title: `Tracing on the hot path: POST /oauth/introspect, kept-alive mTLS 1.3, ${tokenCount} tokens cycled, cache warm, 32 in flight`,
      note: `ratio = req/s over the row's baseline, measured in alternating slices with it (off/none target >= 0.95); each server its own child process; ${Math.round(receiver.bytes() / 1024)} KiB of spans exported in the "on" slices`,
      rows: [
        { case: "none: no telemetry registered (baseline of off)", result: offVsNone.baseline, ratio: null },
        { case: "off: context + propagator, nothing recorded (default)", result: offVsNone.test, ratio: offVsNone.test.perSecond / offVsNone.baseline.perSecond },
        { case: "off, again (baseline of on)", result: onVsOff.baseline, ratio: null },
        { case: "on: every span recorded, exported over OTLP/HTTP", result: onVsOff.test, ratio: onVsOff.test.perSecond / onVsOff.baseline.perSecond },
      ],
    };
  } finally {
    await Promise.all(clients.map((c) => c.close()));
    for (const s of servers) await s.stop();
    await receiver.close();
  }
}

const childMode = process.env.BENCH_TRACING_CHILD as Mode | undefined;
if (childMode) void serveInChild(childMode);
else whenRunAlone(import.meta.filename, async (timing) => [formatTable(await benchTracing(timing))]);
