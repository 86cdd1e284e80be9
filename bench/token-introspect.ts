// Issue 4: RFC 7662 introspections per second and latency over kept-alive mTLS with the token cache warm,
// against a bare mTLS endpoint of the same framework (createService with a trivial form POST route) as
// the baseline, and revocation propagation between two processes. Same shape as license-validate.ts:
// the servers run in one child process (this file, started with BENCH_TOKENS_CHILD=1), this process
// only generates load, baseline and test are measured in alternating slices.
//  1. peak: closed loop, 32 in flight, cycling over `BENCH_TOKENS` tokens spread over active licenses
//     (target ratio >= 0.6 of the baseline's req/s);
//  2. half of peak: open loop at half the measured peak rate, latency from each request's scheduled
//     start (no coordinated omission) — target: p99 at most 1.5× the bare endpoint's in the same run;
//  3. revocation propagation: this process revokes a token the child has cached, by SQL on the shared
//     database (the trigger notifies on commit), and introspects through the child until inactive.
// Then our figures beside the published ones of Ory Hydra and Unkey (their numbers, their hardware).
// The access database holds 100 000 licenses (seeded like the table bench) plus the tokens.
// Alone: node --conditions=react-server --import tsx bench/token-introspect.ts
import os from "node:os";
import type { IntrospectionResponse } from "../contracts/token-api";
import { createService } from "../services/common/http/create-service";
import { routeOptions } from "../services/common/http/policy";
import { createMtlsClient } from "../services/common/http/mtls-client";
import { newId } from "../services/access/domain/secrets/ids";
import { digestToken, generateToken, tokenDisplayPrefix } from "../services/access/domain/tokens/token-format";
import { createLicenseCatalogue } from "../tests/support/license-fixtures";
import { startAccessService, type AccessHarness } from "../tests/support/start-access-service";
import { seedLicenses } from "./license-table";
import { compareAlternating, type LoadResult, type Sample, type Task, type Timing } from "./lib/measure";
import { halfOfPeakRows, roundP99s, tailNote } from "./lib/half-of-peak";
import { formatTable, type BenchTable } from "./lib/table";
import { forkBenchProcess } from "./lib/child-server";
import { whenRunAlone } from "./lib/run-alone";
import { measurePropagation } from "./lib/propagation";
import { buildNativeOpenLoop, describeGenerator, openLoopRunner } from "./lib/native-open-loop";
import { describeServerView, serverView } from "./lib/server-metrics";

type BenchToken = { id: string; secret: string };

type Ready = {
  accessPort: number;
  baselinePort: number;
  client: { ca: string; cert: string; key: string };
  databaseUrl: string;
  /** Tokens cycled through at load. */
  tokens: string[];
  /** Tokens for the propagation measurement, each revoked once. */
  revocable: BenchToken[];
};

const tokenCount = Number(process.env.BENCH_TOKENS ?? 1_000);
const tokensPerLicense = 4;
const propagationSamples = Number(process.env.BENCH_PROPAGATION_SAMPLES ?? 100);
const form = { "content-type": "application/x-www-form-urlencoded" };

/** Token rows written directly (the API would cap live tokens per license), digested as the service does. */
export async function insertTokens(h: AccessHarness, licenses: { id: string; tenant_id: string }[], count: number, scope: string): Promise<BenchToken[]> {
  const now = new Date();
  const tokens = Array.from({ length: count }, (_, n) => ({ id: newId("tok"), secret: generateToken(), license: licenses[n % licenses.length] }));
  await h.prisma.token.createMany({
    data: tokens.map((t) => ({
      id: t.id,
      licenseId: t.license.id,
      tenantId: t.license.tenant_id,
      name: "bench",
      displayPrefix: tokenDisplayPrefix(t.secret),
      digest: digestToken(h.ctx.keys.secretDigest, t.secret),
      scopes: [scope],
      createdAt: now,
      expiresAt: new Date(now.getTime() + 24 * 3_600_000),
    })),
  });
  return tokens.map(({ id, secret }) => ({ id, secret }));
}

async function serveInChild(): Promise<void> {
  const h = await startAccessService("bench_tokens", {}, { validationCache: true, quotas: false });
  const cat = await createLicenseCatalogue(h, "bench");
  await seedLicenses(h, cat, Number(process.env.BENCH_LICENSES ?? 100_000));
  // Active seeded licenses of the reports component whose term outlasts the bench.
  const licenses = await h.prisma.$queryRaw<{ id: string; tenant_id: string }[]>`
    SELECT "id", "tenant_id" FROM "licenses"
    WHERE "status" = 'active' AND "component_id" = ${cat.reports.id} AND "ends_at" > now() + interval '2 days'
    ORDER BY "id" LIMIT ${Math.ceil((tokenCount + propagationSamples) / tokensPerLicense)}`;
  const scope = `${cat.reports.key}:read`;
  const tokens = await insertTokens(h, licenses, tokenCount, scope);
  const revocable = await insertTokens(h, licenses, propagationSamples, scope);
  await h.prisma.$executeRawUnsafe(`ANALYZE "tokens"`);
  await h.validationCache?.feed.sync(); // the inserts' own notifications are consumed before the cache is filled
  const baseline = createService({ name: "bench-baseline", tls: await h.pki.issue("bench-baseline"), logLevel: "silent" });
  baseline.addContentTypeParser("application/x-www-form-urlencoded", { parseAs: "string" }, (_request, body, done) => done(null, body));
  baseline.post("/oauth/echo", routeOptions({ endpoint: "POST /oauth/echo", callers: ["components"] }), async (request) => ({ active: typeof request.body === "string" }));
  await baseline.listen({ host: "127.0.0.1", port: 0 });
  await h.pki.issue("reports-worker");
  const material = await h.pki.client("reports-worker");
  const ready: Ready = {
    accessPort: (h.app.server.address() as { port: number }).port,
    baselinePort: (baseline.server.address() as { port: number }).port,
    client: { ca: material.ca.toString(), cert: material.cert.toString(), key: material.key.toString() },
    databaseUrl: h.testDb.url ?? "",
    tokens: tokens.map((t) => t.secret),
    revocable,
  };
  process.send?.(ready);
  process.once("disconnect", () => {
    void baseline
      .close()
      .then(() => h.close())
      .finally(() => process.exit(0));
  });
}

type Client = ReturnType<typeof createMtlsClient>;

const introspectOn = (client: Client) => async (token: string) => {
  const res = await client.raw<IntrospectionResponse>("POST", "/oauth/introspect", new URLSearchParams({ token }).toString(), form);
  if (res.status !== 200) throw new Error(`introspect answered ${res.status}`);
  return res.body;
};

export type TokenBench = { tables: BenchTable[]; comparison: string };



export async function benchTokenIntrospect(timing: Timing): Promise<TokenBench> {
  const server = await forkBenchProcess<Ready>(import.meta.filename, { env: { BENCH_TOKENS_CHILD: "1" }, label: "token bench server" });
  const ready = server.ready;
  const access = createMtlsClient(`https://127.0.0.1:${ready.accessPort}`, ready.client, { connections: 32 });
  const bare = createMtlsClient(`https://127.0.0.1:${ready.baselinePort}`, ready.client, { connections: 32 });
  try {
    const introspect = introspectOn(access);
    let next = 0;
    const cycled: Task = async () => {
      const token = ready.tokens[next++ % ready.tokens.length];
      if (!(await introspect(token)).active) throw new Error("a bench token answered inactive");
    };
    let echoed = 0;
    const echo: Task = async () => {
      const token = ready.tokens[echoed++ % ready.tokens.length];
      const res = await bare.raw("POST", "/oauth/echo", new URLSearchParams({ token }).toString(), form);
      if (res.status !== 200) throw new Error(`echo answered ${res.status}`);
    };
    for (const token of ready.tokens) await introspect(token); // every token in the cache before measuring
    const peak = await compareAlternating(echo, cycled, 32, timing);
    const rate = Math.max(1, Math.floor(peak.test.perSecond / 2));
    const half: Sample[] = [];
    const halfBase: Sample[] = [];
    const serverSide = serverView(access, "/oauth/introspect");
    const roundMs = timing.measureMs / timing.rounds;
    // Half of peak in alternating open-loop rounds, each side warmed by the generator that measures it.
    const generator = buildNativeOpenLoop();
    const target = (port: number, path: string) => ({
      port,
      tls: ready.client,
      path,
      contentType: "application/x-www-form-urlencoded" as const,
      bodies: ready.tokens.map((t) => new URLSearchParams({ token: t }).toString()),
      connections: 32,
      expect: '"active":true',
    });
    const echoLoad = openLoopRunner(generator, target(ready.baselinePort, "/oauth/echo"), echo);
    const introspectLoad = openLoopRunner(generator, target(ready.accessPort, "/oauth/introspect"), cycled);
    try {
      await echoLoad.run(rate, timing.warmupMs);
      await introspectLoad.run(rate, timing.warmupMs);
      for (let r = 0; r < timing.rounds; r++) {
        halfBase.push(await echoLoad.run(rate, roundMs));
        half.push(await serverSide.during(() => introspectLoad.run(rate, roundMs)));
      }
    } finally {
      echoLoad.remove();
      introspectLoad.remove();
    }
    const halfRows = halfOfPeakRows({ bare: `bare mTLS form POST at ${rate} req/s`, test: `POST /oauth/introspect at ${rate} req/s` }, halfBase, half);
    const halfResult = halfRows[1].result;
    const propagation = await measurePropagation({
      databaseUrl: ready.databaseUrl,
      samples: ready.revocable,
      warm: async (token) => {
        for (let i = 0; i < 3; i++) if (!(await introspect(token.secret)).active) throw new Error("a revocable token answered inactive before its revocation");
      },
      update: `UPDATE "tokens" SET "revoked_at" = now(), "revoke_reason" = 'bench' WHERE "id" = $1`,
      idOf: (token) => token.id,
      isNew: async (token) => !(await introspect(token.secret)).active,
      title: `Token revocation propagation between processes (${ready.revocable.length} revocations by SQL, introspected through the other process)`,
      newAnswer: "answers inactive",
      statement: "revoking UPDATE",
    });
    const tables: BenchTable[] = [
      {
        title: `Token introspection at peak load (kept-alive mTLS 1.3, ${ready.tokens.length} tokens cycled, cache warm, 100 000 licenses, PostgreSQL)`,
        note: "ratio = introspections/s / bare mTLS req/s measured in alternating slices with it (target >= 0.6); server child process, this process only generates load",
        rows: [
          { case: "bare mTLS form POST (createService, trivial route), 32 in flight", result: peak.baseline, ratio: null },
          { case: "POST /oauth/introspect, cache warm, 32 in flight", result: peak.test, ratio: peak.test.perSecond / peak.baseline.perSecond },
        ],
      },
      {
        title: `Token introspection at half of peak, cache warm (${rate} req/s open loop)`,
        note:
          `${tailNote(halfRows)}\n${describeServerView(serverSide.result())}\n${describeGenerator(generator, half)}\n` +
          `p99 ms per round, in the order run: bare ${roundP99s(halfBase)}; introspect ${roundP99s(half)}`,
        rows: halfRows,
      },
      propagation.table,
    ];
    return { tables, comparison: formatComparison(peak.test, halfResult, rate, propagation.afterAck) };
  } finally {
    await access.close();
    await bare.close();
    await server.stop();
  }
}

/** Our figures beside the published comparisons named in issue 4 (not measured here). */
function formatComparison(peak: LoadResult, half: LoadResult, rate: number, propagation: LoadResult): string {
  const f = (n: number) => (n < 10 ? n.toFixed(2) : n.toFixed(0));
  const machine = `${os.cpus().length} shared cores, load avg ${os.loadavg()[0].toFixed(2)}`;
  const rows = [
    ["Tessera (this run)", `${f(peak.perSecond)} (32 in flight)`, `${f(peak.p99Ms)} at peak; ${f(half.p99Ms)} at ${rate}/s`, `p50 ${f(propagation.p50Ms)} ms, p99 ${f(propagation.p99Ms)} ms`, `measured here, ${machine}`],
    ["Ory Hydra (published)", "~5 100", "80", "-", "their published figure, 2 CPUs, their hardware"],
    ["Unkey (published)", "-", "-", "up to 30-60 s", "their documentation, their infrastructure"],
  ];
  const headers = ["system", "introspections/s", "p99 ms", "revocation propagation", "source"];
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i])).join("  ").trimEnd();
  return [
    "## Token introspection beside published figures",
    "Hydra and Unkey rows are their published numbers on their own hardware, not measured here; compare orders of magnitude, not ratios.",
    line(headers),
    widths.map((w) => "-".repeat(w)).join("  "),
    ...rows.map(line),
  ].join("\n");
}

if (process.env.BENCH_TOKENS_CHILD === "1") {
  serveInChild().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
} else {
  whenRunAlone(import.meta.filename, async (timing) => {
    const result = await benchTokenIntrospect(timing);
    return [...result.tables.map(formatTable), result.comparison];
  });
}
