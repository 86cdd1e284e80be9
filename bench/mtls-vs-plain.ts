// Issue 2, part 1: the same small JSON GET through the web tier's internal client core
// (lib/server/mtls-client.ts) over kept-alive mutual TLS 1.3 to a createService server, against the
// same client over plain HTTP to a plain Fastify server with the same route and setup.
// Both servers run in a child process; this process is the load generator only.
import { z } from "zod";
import { createMtlsClient, type MtlsClient } from "../lib/server/mtls-client";
import { createTestPki } from "../tests/support/test-pki";
import { startChildServer, type ChildServer } from "./lib/child-server";
import { compareAlternating, type Timing } from "./lib/measure";
import type { BenchRow, BenchTable } from "./lib/table";

const health = z.object({ status: z.literal("ok"), service: z.string() });
const concurrencies = [32, 1];
const connections = 32;

export async function benchMtlsVsPlain(timing: Timing): Promise<BenchTable[]> {
  const pki = await createTestPki();
  const servers: ChildServer[] = [];
  const clients: MtlsClient[] = [];
  try {
    const serverTls = await pki.issue("access");
    await pki.issue("web");
    const material = await pki.client("web");
    const mtlsServer = await startChildServer("mtls", { BENCH_TLS_FILES: JSON.stringify(serverTls) });
    servers.push(mtlsServer);
    const plainServer = await startChildServer("plain");
    servers.push(plainServer);

    // One factory for both, so pool size, keep-alive and timeouts are identical. For an http: origin
    // undici opens a plain TCP socket and the `connect` TLS options (ca/cert/key/TLS 1.3) go unused.
    const mtls = createMtlsClient({ url: `https://127.0.0.1:${mtlsServer.port}`, ...material, connections });
    const plain = createMtlsClient({ url: `http://127.0.0.1:${plainServer.port}`, ...material, connections });
    clients.push(mtls, plain);
    const get = (client: MtlsClient) => () => client.request("GET", "/healthz", { schema: health });

    const tables: BenchTable[] = [];
    for (const concurrency of concurrencies) {
      const before = await mtlsServer.stats();
      const { baseline: base, test } = await compareAlternating(get(plain), get(mtls), concurrency, timing);
      const after = await mtlsServer.stats();
      const rows: BenchRow[] = [
        { case: `plain HTTP/1.1, ${concurrency} in flight`, result: base, ratio: null },
        { case: `mTLS 1.3, ${concurrency} in flight`, result: test, ratio: test.perSecond / base.perSecond },
      ];
      tables.push({
        title: `GET /healthz via lib/server/mtls-client.ts, concurrency ${concurrency}`,
        note: [
          `ratio = mTLS req/s / plain req/s${concurrency === 32 ? " (target >= 0.7)" : ""}; servers in child processes, this process only generates load`,
          `mTLS server during this table: ${after.tcpConnections - before.tcpConnections} new connections, ` +
            `${after.tlsHandshakes - before.tlsHandshakes} TLS handshakes (${after.tlsResumed - before.tlsResumed} resumed)`,
          `load generator CPU (measured slices, % of one core): plain ${base.clientCpuPercent.toFixed(0)}%, mTLS ${test.clientCpuPercent.toFixed(0)}%`,
        ].join("\n"),
        rows,
      });
    }
    return tables;
  } finally {
    await Promise.all(clients.map((c) => c.close()));
    await Promise.all(servers.map((s) => s.stop()));
    await pki.remove();
  }
}
