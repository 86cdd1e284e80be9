// Issue 10 §1: request-rate quotas. The servers run in one child process (this file, started with
// BENCH_QUOTAS_CHILD=1), all access services on one PostgreSQL with their caches warm; this process only
// generates load.
//  1. introspection and validation with quotas on (slices leased from PostgreSQL, a limit no caller
//     reaches, so every answer is counted and admitted) against the same with quotas off, in alternating
//     slices in the same run (target on/off at least 0.9);
//     and the same for validation on many licenses of the default tier (600 a minute), each asked a few
//     times a second: the slices are small (12), so this is where leases to the store are most frequent
//     (the round trips per 1 000 requests are printed beside it);
//  2. admitted against the limit with two access processes (two services, each its own limiter and
//     database pool, on one PostgreSQL): a license of 3 000 a minute asked three times that per window,
//     split unevenly between them; the window is moved by the parent (a clock the child holds still), so
//     the counts are per window exactly, not per second of a busy machine. Target: within 10% of the limit.
// Alone: node --conditions=react-server --import tsx bench/request-quotas.ts
import { createMtlsClient } from "../services/common/http/mtls-client";
import { newId } from "../services/access/domain/secrets/ids";
import { digestToken, generateToken, tokenDisplayPrefix } from "../services/access/domain/tokens/token-format";
import { createLicenseCatalogue, insertLicenseRow } from "../tests/support/license-fixtures";
import { startAccessService } from "../tests/support/start-access-service";
import { createTenantWithPeople } from "../tests/support/tenant-fixtures";
import { forkBenchProcess } from "./lib/child-server";
import { compareAlternating, type Timing } from "./lib/measure";
import { whenRunAlone } from "./lib/run-alone";
import { formatTable, type BenchTable } from "./lib/table";

const licenseCount = 100;
/** Licenses of the default tier (600/min): at this VM's rates each is asked well under its limit. */
const lowRateCount = 2_000;
const tokensPerLicense = 5;
const accuracyLimit = 3_000;
const minute = 60_000;
const component = "bench-quota-api";

type Material = { ca: string; cert: string; key: string };
type Ready = { onPort: number; offPort: number; acc1Port: number; acc2Port: number; component: Material; keys: string[]; lowRateKeys: string[]; tokens: string[]; accuracyKey: string };
type LeaseStats = { leases: number; givebacks: number; statements: number };

async function serveInChild(): Promise<void> {
  // The accuracy pair's clock stands still inside a window until the parent moves it.
  const frozen = { ms: Math.floor(Date.now() / minute) * minute + 5_000 };
  const on = await startAccessService("bench_quotas", {}, { validationCache: true, quotas: { store: "postgres" } });
  const off = await startAccessService("", {}, { sameDatabaseAs: on, validationCache: true, quotas: false });
  const acc1 = await startAccessService("", {}, { sameDatabaseAs: on, validationCache: true, now: () => new Date(frozen.ms), quotas: { store: "postgres", sweepIntervalMs: 0 } });
  const acc2 = await startAccessService("", {}, { sameDatabaseAs: on, validationCache: true, now: () => new Date(frozen.ms), quotas: { store: "postgres", sweepIntervalMs: 0 } });
  const cat = await createLicenseCatalogue(on, "bq", { resourceServers: [component] });
  await on.prisma.serviceTier.update({ where: { id: cat.pro.id }, data: { requestsPerMinute: 100_000_000, tokensPerLicense: 1_000 } });
  const acme = await createTenantWithPeople(on, { slug: "bench-quotas" });
  const keys: string[] = [];
  const tokens: string[] = [];
  const now = new Date();
  for (let i = 0; i < licenseCount; i++) {
    // One live license per tenant and component: each license on a component of its own would need a catalogue each; rows do not care.
    const license = await insertLicenseRow(on, { tenantId: acme.tenant.id, componentId: cat.reports.id, tierId: cat.pro.id });
    keys.push(license.key);
    const made = Array.from({ length: tokensPerLicense }, () => ({ id: newId("tok"), secret: generateToken() }));
    await on.prisma.token.createMany({
      data: made.map((t) => ({
        id: t.id, licenseId: license.id, tenantId: acme.tenant.id, name: "bench", displayPrefix: tokenDisplayPrefix(t.secret), digest: digestToken(on.ctx.keys.secretDigest, t.secret),
        scopes: [`${cat.reports.key}:read`], createdAt: now, expiresAt: new Date(now.getTime() + 24 * 3_600_000),
      })),
    });
    tokens.push(...made.map((t) => t.secret));
  }
  const lowRateKeys: string[] = [];
  for (let i = 0; i < lowRateCount; i++) lowRateKeys.push((await insertLicenseRow(on, { tenantId: acme.tenant.id, componentId: cat.reports.id, tierId: cat.basic.id })).key);
  const accuracy = await insertLicenseRow(on, { tenantId: acme.tenant.id, componentId: cat.reports.id, tierId: cat.pro.id });
  await on.prisma.license.update({ where: { id: accuracy.id }, data: { requestsPerMinute: accuracyLimit } });
  for (const h of [on, off, acc1, acc2]) await h.validationCache?.feed.sync();
  await on.pki.issue(component);
  const m = await on.pki.client(component);
  const port = (h: typeof on) => (h.app.server.address() as { port: number }).port;
  const ready: Ready = {
    onPort: port(on), offPort: port(off), acc1Port: port(acc1), acc2Port: port(acc2),
    component: { ca: m.ca.toString(), cert: m.cert.toString(), key: m.key.toString() },
    keys, lowRateKeys, tokens, accuracyKey: accuracy.key,
  };
  process.send?.(ready);
  process.on("message", (message) => {
    if (message === "lease-stats") return void process.send?.(on.ctx.quotas?.limiter.stats() ?? { leases: 0, givebacks: 0, statements: 0 });
    if (message !== "next-window") return;
    frozen.ms = Math.floor(frozen.ms / minute) * minute + minute + 5_000;
    process.send?.({ window: frozen.ms });
  });
  process.once("disconnect", () => {
    void (async () => {
      for (const h of [acc2, acc1, off]) await h.close();
      await on.close();
    })().finally(() => process.exit(0));
  });
}

type Client = ReturnType<typeof createMtlsClient>;
const form = { "content-type": "application/x-www-form-urlencoded" };

export async function benchRequestQuotas(timing: Timing): Promise<{ tables: BenchTable[]; accuracy: string }> {
  const server = await forkBenchProcess<Ready>(import.meta.filename, { env: { BENCH_QUOTAS_CHILD: "1" }, label: "request-quotas bench server", startTimeoutMs: 300_000 });
  const r = server.ready;
  const client = (port: number) => createMtlsClient(`https://127.0.0.1:${port}`, r.component, { connections: 32 });
  const [onClient, offClient, acc1, acc2] = [client(r.onPort), client(r.offPort), client(r.acc1Port), client(r.acc2Port)];
  try {
    const introspect = (c: Client) => {
      let next = 0;
      return async () => {
        const res = await c.raw<{ active: boolean }>("POST", "/oauth/introspect", new URLSearchParams({ token: r.tokens[next++ % r.tokens.length]! }).toString(), form);
        if (res.status !== 200 || !res.body.active) throw new Error(`introspection answered ${res.status}`);
      };
    };
    const validate = (c: Client, keys = r.keys) => {
      let next = 0;
      return async () => {
        const res = await c.json<{ valid: boolean }>("POST", "/v1/licenses/validate", { key: keys[next++ % keys.length] });
        if (res.status !== 200 || !res.body.valid) throw new Error(`validation answered ${res.status}`);
      };
    };
    const intro = await compareAlternating(introspect(offClient), introspect(onClient), 32, timing);
    const valid = await compareAlternating(validate(offClient), validate(onClient), 32, timing);
    const leaseStats = () =>
      new Promise<LeaseStats>((resolve) => {
        server.child.once("message", (m) => resolve(m as LeaseStats));
        server.child.send("lease-stats");
      });
    // Both caches hold every low-rate license first: the rows compare quotas, not cold cache misses.
    for (const c of [offClient, onClient]) {
      const warm = validate(c, r.lowRateKeys);
      await Promise.all(Array.from({ length: 16 }, async (_, w) => {
        for (let k = w; k < r.lowRateKeys.length; k += 16) await warm();
      }));
    }
    const before = await leaseStats();
    const lowRate = await compareAlternating(validate(offClient, r.lowRateKeys), validate(onClient, r.lowRateKeys), 32, timing);
    const after = await leaseStats();
    const perThousand = (n: number) => ((n / lowRate.test.requests) * 1_000).toFixed(0);
    const storeCalls = `${perThousand(after.leases - before.leases + after.givebacks - before.givebacks)} store calls in ${perThousand(after.statements - before.statements)} statements / 1 000 requests`;
    const onOff: BenchTable = {
      title: `Introspection and validation with request-rate quotas on vs off (${licenseCount} licenses, ${licenseCount * tokensPerLicense} tokens, caches warm, 32 in flight)`,
      note: "two access processes on one database, the same but for quotas (on: every answer counted, slices leased from PostgreSQL; the limit is not reached); alternating slices; ratio = on / off req/s (target >= 0.9)",
      rows: [
        { case: "POST /oauth/introspect, quotas off", result: intro.baseline, ratio: null },
        { case: "POST /oauth/introspect, quotas on", result: intro.test, ratio: intro.test.perSecond / intro.baseline.perSecond },
        { case: "POST /v1/licenses/validate, quotas off", result: valid.baseline, ratio: null },
        { case: "POST /v1/licenses/validate, quotas on", result: valid.test, ratio: valid.test.perSecond / valid.baseline.perSecond },
        { case: `validate, ${lowRateCount} licenses at the default 600/min, quotas off`, result: lowRate.baseline, ratio: null },
        { case: `validate, ${lowRateCount} licenses at the default 600/min, quotas on (${storeCalls})`, result: lowRate.test, ratio: lowRate.test.perSecond / lowRate.baseline.perSecond },
      ],
    };

    // 2. Admitted against the limit, two processes, per window.
    // The last row: B takes one request (and so one slice) and then no more, A the rest: what an idle
    // process's unused slice costs when the clock stands still (no idle return within the window).
    const splits = [0.5, 2 / 3, 0.9, 1];
    const lines: string[] = [];
    for (const share of splits) {
      await new Promise<void>((resolve) => {
        server.child.once("message", () => resolve());
        server.child.send("next-window");
      });
      let admitted = 0;
      let refused = 0;
      let other = 0;
      let sent = 0;
      const total = 3 * accuracyLimit;
      const worker = async () => {
        while (sent < total) {
          const n = sent++;
          const c = share === 1 ? (n === 0 ? acc2 : acc1) : n % 100 < share * 100 ? acc1 : acc2;
          const res = await c.json<{ valid: boolean; reason?: string }>("POST", "/v1/licenses/validate", { key: r.accuracyKey });
          if (res.status === 200 && res.body.valid) admitted++;
          else if (res.status === 429 && res.body.reason === "rate-limited") refused++;
          else other++;
        }
      };
      await Promise.all(Array.from({ length: 32 }, worker));
      lines.push(
        `| ${share === 1 ? "all but one / one" : `${Math.round(share * 100)}% / ${Math.round((1 - share) * 100)}%`} | ${total} | ${admitted} | ${refused} | ${other} | ${(admitted / accuracyLimit).toFixed(3)} |`,
      );
    }
    const accuracy = [
      `## Admitted against the limit, two access processes on one PostgreSQL (a license of ${accuracyLimit}/min asked ${3 * accuracyLimit} times in one window, 32 in flight)`,
      "| split (process A / B) | requests | admitted | refused (429 rate-limited) | other | admitted / limit |",
      "| --- | ---: | ---: | ---: | ---: | ---: |",
      ...lines,
    ].join("\n");
    return { tables: [onOff], accuracy };
  } finally {
    await Promise.all([onClient, offClient, acc1, acc2].map((c) => c.close()));
    await server.stop();
  }
}

// The child serves and never runs the bench itself (it is started with this same file).
if (process.env.BENCH_QUOTAS_CHILD === "1") {
  serveInChild().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
} else {
  whenRunAlone(import.meta.filename, async (timing) => {
    const { tables, accuracy } = await benchRequestQuotas(timing);
    return [...tables.map(formatTable), accuracy];
  });
}
