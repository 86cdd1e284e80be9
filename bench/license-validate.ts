// Issue 3: license validations per second and latency over kept-alive mTLS, against a bare mTLS
// endpoint of the same framework (createService with a trivial POST route) as the baseline.
// The servers run in one child process (this file, started with BENCH_LICENSE_CHILD=1), measured in
// alternating slices, so only one is loaded at a time; this process only generates load.
//  1. peak: closed loop, 32 in flight, validations/s vs baseline req/s (target ratio >= 0.5), with the
//     validation cache warm, and (second access service on the same database) without it;
//  2. half of peak: open loop at half the measured peak validation rate, latency from each request's
//     scheduled start (no coordinated omission) — target: p99 at most 1.5× the bare endpoint's in the same run;
//  3. revocation propagation (issue 4): this process revokes a license the child has cached, by SQL
//     on the shared database, and asks the child until it answers revoked.
// The access database holds 100 000 licenses (seeded like the table bench) plus the ones validated.
import { createService } from "../services/common/http/create-service";
import { routeOptions } from "../services/common/http/policy";
import { createMtlsClient } from "../services/common/http/mtls-client";
import { createLicenseCatalogue, insertLicenseRow } from "../tests/support/license-fixtures";
import { startAccessService } from "../tests/support/start-access-service";
import { seedLicenses } from "./license-table";
import { compareAlternating, type Sample, type Task, type Timing } from "./lib/measure";
import { halfOfPeakRows, roundP99s, tailNote } from "./lib/half-of-peak";
import type { BenchRow, BenchTable } from "./lib/table";
import { forkBenchProcess } from "./lib/child-server";
import { buildNativeOpenLoop, describeGenerator, openLoopRunner } from "./lib/native-open-loop";
import { measurePropagation } from "./lib/propagation";

type Ready = {
  accessPort: number;
  uncachedPort: number;
  baselinePort: number;
  key: string;
  scope: string;
  pkiDir: string;
  client: { ca: string; cert: string; key: string };
  databaseUrl: string;
  /** Licenses for the propagation measurement, each revoked once. */
  revocable: { id: string; key: string }[];
};

const propagationSamples = Number(process.env.BENCH_PROPAGATION_SAMPLES ?? 100);

async function serveInChild(): Promise<void> {
  const h = await startAccessService("bench_validate", {}, { validationCache: true, quotas: false });
  const uncached = await startAccessService("", {}, { sameDatabaseAs: h, quotas: false });
  const cat = await createLicenseCatalogue(h, "bench");
  await seedLicenses(h, cat, Number(process.env.BENCH_LICENSES ?? 100_000));
  const tenant = await h.prisma.tenant.create({ data: { id: "ten_validate", slug: "validate", name: "Validate", kind: "company" } });
  const license = await insertLicenseRow(h, { tenantId: tenant.id, componentId: cat.reports.id, tierId: cat.pro.id });
  const revocable = [];
  for (let n = 0; n < propagationSamples; n++) revocable.push(await insertLicenseRow(h, { tenantId: tenant.id, componentId: cat.etl.id, tierId: cat.pro.id }));
  const baseline = createService({ name: "bench-baseline", tls: await h.pki.issue("bench-baseline"), logLevel: "silent" });
  baseline.post("/v1/echo", routeOptions({ endpoint: "POST /v1/echo", callers: ["components"] }), async (request) => ({ valid: true, echoed: typeof request.body === "object" }));
  await baseline.listen({ host: "127.0.0.1", port: 0 });
  await h.pki.issue("reports-worker");
  const material = await h.pki.client("reports-worker");
  const ready: Ready = {
    accessPort: (h.app.server.address() as { port: number }).port,
    uncachedPort: (uncached.app.server.address() as { port: number }).port,
    baselinePort: (baseline.server.address() as { port: number }).port,
    key: license.key,
    scope: `${cat.reports.key}:read`,
    pkiDir: h.pki.dir,
    client: { ca: material.ca.toString(), cert: material.cert.toString(), key: material.key.toString() },
    databaseUrl: h.testDb.url ?? "",
    revocable,
  };
  process.send?.(ready);
  process.once("disconnect", () => {
    void Promise.all([baseline.close(), uncached.close()])
      .then(() => h.close())
      .finally(() => process.exit(0));
  });
}

export async function benchLicenseValidate(timing: Timing): Promise<BenchTable[]> {
  const server = await forkBenchProcess<Ready>(import.meta.filename, { env: { BENCH_LICENSE_CHILD: "1" }, label: "validate bench server" });
  const ready = server.ready;
  const access = createMtlsClient(`https://127.0.0.1:${ready.accessPort}`, ready.client, { connections: 32 });
  const uncached = createMtlsClient(`https://127.0.0.1:${ready.uncachedPort}`, ready.client, { connections: 32 });
  const bare = createMtlsClient(`https://127.0.0.1:${ready.baselinePort}`, ready.client, { connections: 32 });
  try {
    const body = { key: ready.key, scope: ready.scope };
    const validateOn = (client: typeof access): Task => async () => {
      const res = await client.json<{ valid: boolean }>("POST", "/v1/licenses/validate", body);
      if (res.status !== 200 || !res.body.valid) throw new Error(`validate answered ${res.status}`);
    };
    const validate = validateOn(access);
    const isValid = async (key: string) => (await access.json<{ valid: boolean }>("POST", "/v1/licenses/validate", { key })).body.valid;
    const echo: Task = async () => {
      const res = await bare.json("POST", "/v1/echo", body);
      if (res.status !== 200) throw new Error(`echo answered ${res.status}`);
    };
    const peak = await compareAlternating(echo, validate, 32, timing);
    const peakUncached = await compareAlternating(echo, validateOn(uncached), 32, timing);
    const rate = Math.max(1, Math.floor(peak.test.perSecond / 2));
    // Half of peak in alternating open-loop rounds, each side warmed by the generator that measures it.
    const generator = buildNativeOpenLoop();
    const target = (port: number, path: string) => ({ port, tls: ready.client, path, contentType: "application/json" as const, bodies: [JSON.stringify(body)], connections: 32, expect: '"valid":true' });
    const validateLoad = openLoopRunner(generator, target(ready.accessPort, "/v1/licenses/validate"), validate);
    const echoLoad = openLoopRunner(generator, target(ready.baselinePort, "/v1/echo"), echo);
    const half: Sample[] = [];
    const halfBase: Sample[] = [];
    try {
      await echoLoad.run(rate, timing.warmupMs);
      await validateLoad.run(rate, timing.warmupMs);
      for (let r = 0; r < timing.rounds; r++) {
        halfBase.push(await echoLoad.run(rate, timing.measureMs / timing.rounds));
        half.push(await validateLoad.run(rate, timing.measureMs / timing.rounds));
      }
    } finally {
      echoLoad.remove();
      validateLoad.remove();
    }
    const peakRows: BenchRow[] = [
      { case: "bare mTLS POST (createService, trivial route), 32 in flight", result: peak.baseline, ratio: null },
      { case: "POST /v1/licenses/validate, cache warm, 32 in flight", result: peak.test, ratio: peak.test.perSecond / peak.baseline.perSecond },
      { case: "POST /v1/licenses/validate, no cache (database), 32 in flight", result: peakUncached.test, ratio: peakUncached.test.perSecond / peakUncached.baseline.perSecond },
    ];
    const halfRows = halfOfPeakRows({ bare: `bare mTLS POST at ${rate} req/s`, test: `POST /v1/licenses/validate at ${rate} req/s` }, halfBase, half);
    return [
      {
        title: "License validation at peak load (kept-alive mTLS 1.3, 100 000 licenses, PostgreSQL)",
        note: "ratio = validations/s / bare mTLS req/s measured in alternating slices with it (target >= 0.5); server child process, this process only generates load",
        rows: peakRows,
      },
      {
        title: `License validation at half of peak, cache warm (${rate} req/s open loop)`,
        note: `${tailNote(halfRows)}\n${describeGenerator(generator, [...half, ...halfBase])}\np99 ms per round, in the order run: bare ${roundP99s(halfBase)}; validate ${roundP99s(half)}`,
        rows: halfRows,
      },
      (
        await measurePropagation({
          databaseUrl: ready.databaseUrl,
          samples: ready.revocable,
          warm: async (license) => {
            for (let i = 0; i < 3; i++) await isValid(license.key); // cached (a fill may be refused while its own insert's notice arrives)
          },
          update: `UPDATE "licenses" SET "status" = 'revoked' WHERE "id" = $1`,
          idOf: (license) => license.id,
          isNew: async (license) => !(await isValid(license.key)),
          title: `Revocation propagation between processes (${ready.revocable.length} revocations)`,
          newAnswer: "answers revoked",
          statement: "revoking UPDATE",
        })
      ).table,
    ];
  } finally {
    await access.close();
    await uncached.close();
    await bare.close();
    await server.stop();
  }
}

if (process.env.BENCH_LICENSE_CHILD === "1") {
  serveInChild().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
