// Issue 9 §4: the record of disclosures at scale. The servers run in one child process (this file, started
// with BENCH_DISCLOSURES_CHILD=1): an access service with its record of accesses on, a second one on the
// same database with it off, the audit service on its own database, an outbox relay between them, and a
// bare mTLS endpoint of the same framework as the baseline; this process only generates load.
//  1. the record at 1 000 000 audit events of one district (seeded with SQL in bulk, 1 in 5 a reported
//     disclosure naming students, the rest accesses): a filtered page, the student search, the chart's
//     counts and the CSV and PDF exports, each asked one at a time through the access service as the web
//     tier asks (mTLS, a reviewer's session) — latency as seen by the caller, so server time plus one
//     kept-alive mTLS round trip (the bare endpoint's row); target under 300 ms for a filtered page;
//  2. disclosure reports ingested per second over mTLS (batches of 200, 4 in flight), against the bare
//     endpoint taking the same bodies, in alternating slices; then the relay is drained and every report
//     the service acknowledged is counted in the access database and in the audit chain's index
//     (nothing lost); target at least 5 000 reports/s;
//  3. introspections per second of a district's tokens with the record of accesses on vs off, in twice as
//     many alternating slices as the others (shorter slices: less of the machine's drift in either side), in
//     the same run (target on/off at least 0.9).
// With the others: npm run bench -- disclosures. Alone: node --conditions=react-server --import tsx bench/disclosures.ts
// (profile the servers with BENCH_CHILD_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof").
import { randomBytes } from "node:crypto";
import { performance } from "node:perf_hooks";
import pg from "pg";
import { openDatabase } from "../services/common/db/open-database";
import { createService } from "../services/common/http/create-service";
import { createMtlsClient } from "../services/common/http/mtls-client";
import { routeOptions } from "../services/common/http/policy";
import { startOutboxRelay, type OutboxRelay } from "../services/access/outbox/relay";
import { newId } from "../services/access/domain/secrets/ids";
import { digestToken, generateToken, tokenDisplayPrefix } from "../services/access/domain/tokens/token-format";
import { createLicenseCatalogue, insertLicenseRow } from "../tests/support/license-fixtures";
import { startAccessService } from "../tests/support/start-access-service";
import { startAuditService } from "../tests/support/start-audit-service";
import { createTenantWithPeople } from "../tests/support/tenant-fixtures";
import { createTestDatabase } from "../tests/support/test-database";
import { forkBenchProcess } from "./lib/child-server";
import { compareAlternating, summarize, type Sample, type Timing } from "./lib/measure";
import { whenRunAlone } from "./lib/run-alone";
import { formatTable, type BenchTable } from "./lib/table";

const eventCount = Number(process.env.BENCH_DISCLOSURE_EVENTS ?? 1_000_000);
const tokenCount = 500;
const batchSize = Number(process.env.BENCH_DISCLOSURE_BATCH ?? 200);
const component = "bench-reports-api";

type Ready = {
  accessPort: number;
  offPort: number;
  baselinePort: number;
  auditUrl: string;
  component: { ca: string; cert: string; key: string };
  web: { ca: string; cert: string; key: string };
  bearer: string;
  tenantId: string;
  licenseId: string;
  accessDbUrl: string;
  auditDbUrl: string;
  tokens: string[];
  seedSeconds: number;
  sample: { studentId: string; party: string; component: string };
};

/** One million disclosure events of one district, straight into the audit tables (chain MACs are placeholders: nothing verifies them here). */
async function seedEvents(url: string, tenantId: string, licenseId: string, count: number): Promise<number> {
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  const started = performance.now();
  const chunk = 200_000;
  try {
    for (let from = 1; from <= count; from += chunk) {
      const to = Math.min(count, from + chunk - 1);
      // Every 5th event a reported disclosure naming 3 of 50 000 students to one of 20 parties; the rest
      // accesses of one of 5 components; one every 31 s back from now (about a year).
      await db.query(
        `WITH src AS (
           SELECT g, p.tenant, p.license, gen_random_uuid() AS uid, now() - g * interval '31 seconds' AS at, 'component-' || (g % 5) AS comp,
                  (g % 5 = 0) AS is_report, 'Party ' || (g % 20) AS party,
                  ARRAY['stu-' || ((g * 7919) % 50000), 'stu-' || ((g * 104729) % 50000), 'stu-' || ((g * 1299709) % 50000)] AS students
           FROM generate_series($3::bigint, $4::bigint) g, (SELECT $1::text AS tenant, $2::text AS license) p
         ), ins AS (
           INSERT INTO "audit_events" ("seq", "id", "action", "tenant_id", "target_type", "target_id", "canonical", "received_at", "prev_mac", "mac")
           SELECT g, uid, CASE WHEN is_report THEN 'disclosure.report' ELSE 'disclosure.access' END, tenant, 'license', license,
                  jsonb_build_object('id', uid, 'occurredAt', to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                    'action', CASE WHEN is_report THEN 'disclosure.report' ELSE 'disclosure.access' END, 'outcome', 'success',
                    'actor', jsonb_build_object('type', 'service', 'id', comp, 'label', comp), 'target', jsonb_build_object('type', 'license', 'id', license),
                    'tenantId', tenant, 'sourceIp', null, 'requestId', null,
                    'data', CASE WHEN is_report
                      THEN jsonb_build_object('reportId', 'r-' || g, 'party', party, 'legitimateInterest', 'Tutoring under the agreement', 'category', 'assessment results', 'studentIds', to_jsonb(students), 'disclosedAt', to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
                      ELSE jsonb_build_object('via', 'license-validation', 'minute', to_char(date_trunc('minute', at) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'count', 1 + g % 7, 'scopes', jsonb_build_array('reports:read'), 'purpose', 'Nightly reports', 'personId', null, 'clientId', null)
                    END)::text,
                  at, 'bench', 'bench'
           FROM src
         )
         INSERT INTO "disclosure_entries" ("seq", "tenant_id", "kind", "occurred_at", "component", "party", "student_ids", "count")
         SELECT g, tenant, CASE WHEN is_report THEN 'report' ELSE 'access' END, at, comp, CASE WHEN is_report THEN party ELSE comp END,
                CASE WHEN is_report THEN students ELSE '{}'::text[] END, CASE WHEN is_report THEN 1 ELSE 1 + g % 7 END
         FROM src`,
        [tenantId, licenseId, from, to],
      );
    }
    await db.query(`ANALYZE "audit_events"`);
    await db.query(`ANALYZE "disclosure_entries"`);
  } finally {
    await db.end();
  }
  return (performance.now() - started) / 1000;
}

async function serveInChild(): Promise<void> {
  const on = await startAccessService("bench_disclosures", {}, { validationCache: true, quotas: false });
  const off = await startAccessService("", {}, { sameDatabaseAs: on, validationCache: true, accessRecord: { enabled: false }, quotas: false });
  const auditInfo = await createTestDatabase("bench_disclosures_audit");
  const auditDb = await openDatabase({ url: auditInfo.url, embeddedDir: auditInfo.embeddedDir });
  const audit = await startAuditService({ pki: on.pki, connectionString: auditDb.connectionString, poolMax: auditDb.poolMax, chainKey: randomBytes(32) });
  const auditClient = createMtlsClient(audit.url, await on.pki.client("access"));
  on.ctx.auditClient = auditClient;

  const cat = await createLicenseCatalogue(on, "bench", { resourceServers: [component] });
  const district = await createTenantWithPeople(on, { slug: "bench-district", kind: "district" });
  const license = await insertLicenseRow(on, { tenantId: district.tenant.id, componentId: cat.reports.id, tierId: cat.pro.id });
  const now = new Date();
  const tokens = Array.from({ length: tokenCount }, () => ({ id: newId("tok"), secret: generateToken() }));
  await on.prisma.token.createMany({
    data: tokens.map((t) => ({
      id: t.id, licenseId: license.id, tenantId: district.tenant.id, name: "bench", displayPrefix: tokenDisplayPrefix(t.secret), digest: digestToken(on.ctx.keys.secretDigest, t.secret),
      scopes: [`${cat.reports.key}:read`], createdAt: now, expiresAt: new Date(now.getTime() + 24 * 3_600_000), purpose: "Nightly attendance reports for the district",
    })),
  });
  await on.validationCache?.feed.sync();
  await off.validationCache?.feed.sync();
  const seedSeconds = await seedEvents(auditInfo.url!, district.tenant.id, license.id, eventCount);

  const baseline = createService({ name: "bench-baseline", tls: await on.pki.issue("bench-baseline"), logLevel: "silent" });
  baseline.post("/v1/echo", routeOptions({ endpoint: "POST /v1/echo", callers: ["components"] }), async (request) => ({ stored: Array.isArray((request.body as { disclosures?: unknown[] }).disclosures) ? (request.body as { disclosures: unknown[] }).disclosures.length : 0, duplicates: 0 }));
  baseline.get("/v1/echo", routeOptions({ endpoint: "GET /v1/echo", callers: ["web"] }), async () => ({ records: [], nextCursor: null }));
  await baseline.listen({ host: "127.0.0.1", port: 0 });
  await on.pki.issue(component);
  await on.pki.issueOne("web", "client");
  const material = async (identity: string) => {
    const m = await on.pki.client(identity);
    return { ca: m.ca.toString(), cert: m.cert.toString(), key: m.key.toString() };
  };
  const ready: Ready = {
    accessPort: (on.app.server.address() as { port: number }).port,
    offPort: (off.app.server.address() as { port: number }).port,
    baselinePort: (baseline.server.address() as { port: number }).port,
    auditUrl: audit.url,
    component: await material(component),
    web: await material("web"),
    bearer: district.people.district_reviewer.bearer,
    tenantId: district.tenant.id,
    licenseId: license.id,
    accessDbUrl: on.testDb.url ?? "",
    auditDbUrl: auditInfo.url ?? "",
    tokens: tokens.map((t) => t.secret),
    seedSeconds,
    sample: { studentId: `stu-${(5 * 7919) % 50_000}`, party: "Party 10", component: "component-3" }, // the 5th event names the student; Party 10 receives reports (every 5th event)
  };
  process.send?.(ready);
  // The outbox relay runs only when asked to drain (after the ingest slices): the audit service shares this
  // process, so a relay running during the slices would measure the audit service's appends as well.
  let relay: OutboxRelay | null = null;
  process.on("message", (m) => {
    if (m !== "drain") return;
    relay ??= startOutboxRelay({ prisma: on.prisma, auditClient, logger: { info() {}, warn() {}, error: (d, msg) => console.error(msg, d) }, intervalMs: 50 });
    const started = performance.now();
    let delivered = 0;
    const again = async (): Promise<void> => {
      const n = await relay!.flush();
      delivered += n;
      if (n > 0) return again();
      process.send?.({ drained: delivered, seconds: (performance.now() - started) / 1000 });
    };
    void again();
  });
  process.once("disconnect", () => {
    void (async () => {
      await relay?.stop();
      await baseline.close();
      await auditClient.close();
      await audit.app.close();
      await auditDb.close();
      await auditInfo.drop();
      await off.close();
      await on.close();
    })().finally(() => process.exit(0));
  });
}

type Client = ReturnType<typeof createMtlsClient>;
const form = { "content-type": "application/x-www-form-urlencoded" };

/** `n` sequential requests: the latency of each alone (no queueing behind others). */
async function sequential(n: number, task: () => Promise<unknown>): Promise<Sample> {
  const latencies: number[] = [];
  let errors = 0;
  const start = performance.now();
  const cpu = process.cpuUsage();
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    try {
      await task();
      latencies.push(performance.now() - t0);
    } catch {
      errors += 1;
    }
  }
  const used = process.cpuUsage(cpu);
  return { latencies, errors, elapsedMs: performance.now() - start, cpuMicros: used.user + used.system };
}

export async function benchDisclosures(timing: Timing): Promise<BenchTable[]> {
  const server = await forkBenchProcess<Ready>(import.meta.filename, { env: { BENCH_DISCLOSURES_CHILD: "1" }, label: "disclosures bench server", startTimeoutMs: 900_000 });
  const r = server.ready;
  const web = createMtlsClient(`https://127.0.0.1:${r.accessPort}`, r.web, { connections: 4 });
  const bareWeb = createMtlsClient(`https://127.0.0.1:${r.baselinePort}`, r.web, { connections: 4 });
  const reporter = createMtlsClient(`https://127.0.0.1:${r.accessPort}`, r.component, { connections: 8 });
  const bareComponent = createMtlsClient(`https://127.0.0.1:${r.baselinePort}`, r.component, { connections: 32 });
  const onClient = createMtlsClient(`https://127.0.0.1:${r.accessPort}`, r.component, { connections: 32 });
  const offClient = createMtlsClient(`https://127.0.0.1:${r.offPort}`, r.component, { connections: 32 });
  const auth = { authorization: `Bearer ${r.bearer}` };
  try {
    // 1. the record at one million events
    const get = (path: string, check?: (body: { records?: unknown[]; rows?: number }) => boolean) => async () => {
      const res = await web.json<{ records?: unknown[]; rows?: number }>("GET", path, undefined, auth);
      if (res.status !== 200 || (check && !check(res.body))) throw new Error(`${path} answered ${res.status}`);
    };
    const monthAgo = new Date(Date.now() - 30 * 86_400_000).toISOString();
    const q = (params: Record<string, string>) => new URLSearchParams(params).toString();
    const nonEmpty = (b: { records?: unknown[] }) => (b.records?.length ?? 0) > 0;
    const cases: [string, () => Promise<unknown>, number][] = [
      ["bare mTLS GET (createService, trivial route)", async () => { const res = await bareWeb.json("GET", "/v1/echo"); if (res.status !== 200) throw new Error("echo"); }, 200],
      ["first page, no filter (25 lines)", get("/v1/disclosures", nonEmpty), 100],
      ["filtered page: component, last 30 days (25)", get(`/v1/disclosures?${q({ component: r.sample.component, from: monthAgo })}`, nonEmpty), 100],
      ["filtered page: party, reports only (25)", get(`/v1/disclosures?${q({ party: r.sample.party, kind: "report" })}`, nonEmpty), 100],
      ["who saw this student (student id)", get(`/v1/disclosures?${q({ studentId: r.sample.studentId })}`, nonEmpty), 100],
      ["student id and component, last year", get(`/v1/disclosures?${q({ studentId: r.sample.studentId, component: "component-0", from: new Date(Date.now() - 365 * 86_400_000).toISOString() })}`), 100],
      ["100 lines: component, last 30 days", get(`/v1/disclosures?${q({ component: r.sample.component, from: monthAgo, limit: "100" })}`, nonEmpty), 50],
      ["chart counts: last 30 days by day and component", get(`/v1/disclosures/activity?${q({ from: monthAgo })}`), 30],
      ["CSV export: one student (all lines)", get(`/v1/disclosures/export?${q({ format: "csv", studentId: r.sample.studentId })}`), 20],
      ["CSV export: component, last 30 days (10 000-line cap)", get(`/v1/disclosures/export?${q({ format: "csv", component: r.sample.component, from: monthAgo })}`, (b) => b.rows === 10_000), 5],
      ["PDF export: party, reports (2 000-line cap)", get(`/v1/disclosures/export?${q({ format: "pdf", party: r.sample.party, kind: "report" })}`, (b) => (b.rows ?? 0) > 0), 5],
    ];
    for (const [, task] of cases) for (let i = 0; i < 3; i++) await task().catch(() => undefined); // warm
    const recordRows = [];
    let bareP50 = 0;
    for (const [name, task, n] of cases) {
      const result = summarize(1, [await sequential(n, task)]);
      if (!recordRows.length) bareP50 = result.p50Ms;
      recordRows.push({ case: name, result, ratio: recordRows.length ? result.p50Ms / bareP50 : null });
    }
    const recordTable: BenchTable = {
      title: `The record of disclosures at ${eventCount.toLocaleString("en-US")} audit events of one district (seeded in ${r.seedSeconds.toFixed(0)} s), one request at a time through the access service`,
      note: "latency as the web tier sees it (access service → audit service → PostgreSQL, over kept-alive mTLS); ratio = p50 / the bare endpoint's p50 (its one mTLS round trip); target: a filtered page under 300 ms",
      rows: recordRows,
    };

    // 2. ingest: reports per second over mTLS, nothing lost
    const ingestRun = randomBytes(3).toString("hex");
    let batchNo = 0;
    let acknowledged = 0;
    const body = (prefix: string) => {
      const n = batchNo++;
      const at = new Date().toISOString();
      return JSON.stringify({
        disclosures: Array.from({ length: batchSize }, (_, i) => ({
          id: `${prefix}-${ingestRun}-${n}-${i}`, party: `Party ${i % 20}`, legitimateInterest: "Tutoring under the district's agreement", category: "assessment results",
          studentIds: [`stu-${(n * batchSize + i) % 50_000}`, `stu-${(n * 31 + i) % 50_000}`, `stu-${(n * 7 + i * 13) % 50_000}`], disclosedAt: at, licenseId: r.licenseId,
        })),
      });
    };
    const json = { "content-type": "application/json" };
    const report = async () => {
      const res = await reporter.raw<{ stored: number }>("POST", "/v1/disclosures", body("rep"), json);
      if (res.status !== 200) throw new Error(`report answered ${res.status}: ${JSON.stringify(res.body).slice(0, 200)}`);
      acknowledged += res.body.stored;
    };
    const echo = async () => {
      const res = await bareComponent.raw("POST", "/v1/echo", body("echo"), json);
      if (res.status !== 200) throw new Error(`echo answered ${res.status}`);
    };
    const ingest = await compareAlternating(echo, report, 4, timing);
    server.child.send("drain");
    const drain = await new Promise<{ drained: number; seconds: number }>((resolve) => server.child.on("message", (m) => typeof m === "object" && m && "drained" in m && resolve(m as { drained: number; seconds: number })));
    const accessDb = new pg.Client({ connectionString: r.accessDbUrl });
    const auditDb = new pg.Client({ connectionString: r.auditDbUrl });
    await accessDb.connect();
    await auditDb.connect();
    const like = `rep-${ingestRun}-%`;
    const inAccess = Number((await accessDb.query(`SELECT count(*) FROM "disclosure_reports" WHERE "report_id" LIKE $1`, [like])).rows[0].count);
    const inChain = Number((await auditDb.query(`SELECT count(*) FROM "audit_events" WHERE "action" = 'disclosure.report' AND "seq" > $1`, [eventCount])).rows[0].count);
    const indexed = Number((await auditDb.query(`SELECT count(*) FROM "disclosure_entries" WHERE "kind" = 'report' AND "seq" > $1`, [eventCount])).rows[0].count);
    await accessDb.end();
    await auditDb.end();
    const perReport = (x: typeof ingest.test) => ({ ...x, requests: x.requests * batchSize, perSecond: x.perSecond * batchSize });
    const ingestTable: BenchTable = {
      title: `Disclosure reports ingested over mTLS (batches of ${batchSize}, 4 in flight; the relay paused), against a bare mTLS endpoint taking the same bodies`,
      note:
        `req/s and requests count reports (batches × ${batchSize}); latency per batch; ratio = reports/s over the bare endpoint's (alternating slices). ` +
        `Nothing lost: ${acknowledged} acknowledged, ${inAccess} in the access database, ${inChain} in the audit chain, ${indexed} in its index (the outbox relay, paused during the slices, then delivered ${drain.drained} events in ${drain.seconds.toFixed(1)} s: ${(drain.drained / drain.seconds).toFixed(0)} events/s into the chain and its index); target >= 5 000 reports/s`,
      rows: [
        { case: "bare mTLS JSON POST, same bodies", result: perReport(ingest.baseline), ratio: null },
        { case: "POST /v1/disclosures (one transaction per batch)", result: perReport(ingest.test), ratio: ingest.test.perSecond / ingest.baseline.perSecond },
      ],
    };
    if (acknowledged !== inAccess || inAccess !== inChain || inChain !== indexed) ingestTable.note += `\nLOST: the counts differ`;

    // 3. introspection with the record of accesses on vs off
    let nextOn = 0;
    let nextOff = 0;
    const introspect = (client: Client, pick: () => string) => async () => {
      const res = await client.raw<{ active: boolean }>("POST", "/oauth/introspect", new URLSearchParams({ token: pick() }).toString(), form);
      if (res.status !== 200 || !res.body.active) throw new Error("introspection inactive");
    };
    const recordingOn = introspect(onClient, () => r.tokens[nextOn++ % r.tokens.length]);
    const recordingOff = introspect(offClient, () => r.tokens[nextOff++ % r.tokens.length]);
    for (let i = 0; i < r.tokens.length; i++) {
      await recordingOn();
      await recordingOff();
    }
    const intro = await compareAlternating(recordingOff, recordingOn, 32, { ...timing, rounds: timing.rounds * 2 });
    const introTable: BenchTable = {
      title: `Introspection of a district's tokens with the record of accesses on vs off (${tokenCount} tokens, cache warm, 32 in flight)`,
      note: "two access processes on one database, the same but for the record; alternating slices; ratio = on / off req/s (target >= 0.9)",
      rows: [
        { case: "POST /oauth/introspect, record of accesses off", result: intro.baseline, ratio: null },
        { case: "POST /oauth/introspect, record of accesses on", result: intro.test, ratio: intro.test.perSecond / intro.baseline.perSecond },
      ],
    };
    return [recordTable, ingestTable, introTable];
  } finally {
    await Promise.all([web, bareWeb, reporter, bareComponent, onClient, offClient].map((c) => c.close()));
    await server.stop();
  }
}

if (process.env.BENCH_DISCLOSURES_CHILD === "1") {
  serveInChild().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
} else {
  whenRunAlone(import.meta.filename, async (timing) => (await benchDisclosures(timing)).map(formatTable));
}
