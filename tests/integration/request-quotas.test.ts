// Request-rate quotas where components ask: validations, introspections and client-credentials grants of a
// license count against its requests per minute (its own, else its tier's). Over it the answer is refused
// with its own reason (429, `rate-limited` / temporarily_unavailable) and the rate-limit fields, read here
// as an independent client parses them (tests/support/structured-fields.ts). Two access processes on one
// PostgreSQL admit no more than the limit together and within 10% of it. Counts, fixed windows and a
// frozen clock the test moves: no timing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import type { getLicenseResponse } from "../../contracts/license-api";
import type { LicenseTokenUsageResponse } from "../../contracts/token-api";
import { postgresLeaseStore } from "../../services/access/domain/quotas/quota-lease-store";
import { registerClientViaApi, tokenRequestAs } from "../support/oauth-fixtures";
import { insertLicenseRow } from "../support/license-fixtures";
import { rateLimitMember } from "../support/structured-fields";
import { authorization } from "../support/tenant-fixtures";
import { createTokenViaApi, createTokenWorld, type TokenWorld } from "../support/token-fixtures";
import { startAccessService, type AccessHarness } from "../support/start-access-service";

const minute = 60_000;
// A frozen clock 5 s into a window: every count below falls in one known window until the test moves it.
const clock = { ms: Math.floor(Date.now() / minute) * minute + 5_000, now: () => new Date(clock.ms) };
const nextWindow = () => {
  clock.ms = Math.floor(clock.ms / minute) * minute + minute + 5_000;
};

let a: AccessHarness;
let b: AccessHarness;
let w: TokenWorld;
let read: string;

beforeAll(async () => {
  a = await startAccessService("request-quotas", {}, { now: clock.now });
  b = await startAccessService("", {}, { sameDatabaseAs: a, validationCache: true, now: clock.now });
  w = await createTokenWorld(a, "q");
  read = `${w.cat.reports.key}:read`;
  await a.prisma.serviceTier.update({ where: { id: w.cat.pro.id }, data: { requestsPerMinute: 20, tokensPerLicense: 1_000 } });
  expect(await b.validationCache?.feed.whenHealthy(5_000)).toBe(true);
});
afterAll(async () => {
  await b?.close();
  await a?.close();
});

type Answer = { status: number; body: Record<string, unknown>; headers: Record<string, unknown> };
const header = (res: Answer, name: string) => (res.headers[name] === undefined ? undefined : String(res.headers[name]));

async function validateAs(h: AccessHarness, key: string, identity = "reports-worker"): Promise<Answer> {
  const res = await (await h.as(identity)).json<Record<string, unknown>>("POST", "/v1/licenses/validate", { key });
  return res;
}
async function introspectAs(h: AccessHarness, token: string): Promise<Answer> {
  return (await h.as("reports-worker")).raw<Record<string, unknown>>("POST", "/oauth/introspect", new URLSearchParams({ token }).toString(), { "content-type": "application/x-www-form-urlencoded" });
}
async function freshLicense(tierId = w.cat.pro.id) {
  return insertLicenseRow(a, { tenantId: w.acme.tenant.id, componentId: w.cat.reports.id, tierId });
}
const count = (answers: Answer[], status: number) => answers.filter((r) => r.status === status).length;
async function inSequence(n: number, ask: () => Promise<Answer>) {
  const answers: Answer[] = [];
  for (let k = 0; k < n; k++) answers.push(await ask());
  return answers;
}

describe("one process", () => {
  it("validation: the tier's 20 a minute are admitted, the rest refused as rate-limited with Retry-After, and the next window admits again", async () => {
    const license = await freshLicense();
    const answers = await inSequence(30, () => validateAs(a, license.key));
    expect(count(answers, 200)).toBe(20);
    expect(answers.slice(0, 20).every((r) => r.body.valid === true)).toBe(true);
    const refused = answers.slice(20);
    expect(refused.every((r) => r.status === 429 && r.body.valid === false && r.body.reason === "rate-limited")).toBe(true);

    // Read as a client would: the policy, what is left, when it resets, and Retry-After on the refusal.
    expect(rateLimitMember(header(answers[0]!, "ratelimit-policy"), "license")).toEqual({ q: 20, w: 60 });
    expect(rateLimitMember(header(answers[0]!, "ratelimit"), "license")).toEqual({ r: 19, t: 55 });
    expect(header(answers[0]!, "retry-after")).toBeUndefined();
    expect(rateLimitMember(header(refused[0]!, "ratelimit"), "license")).toEqual({ r: 0, t: 55 });
    expect(Number(header(refused[0]!, "retry-after"))).toBe(55);

    nextWindow();
    expect(count(await inSequence(25, () => validateAs(a, license.key)), 200)).toBe(20);
  });

  it("introspection: active answers carry the fields; over the quota a 429 temporarily_unavailable, never { active: false }", async () => {
    nextWindow();
    const { secret } = await createTokenViaApi(a, w.admin, w.licenseId, { scopes: [read] });
    const answers = await inSequence(25, () => introspectAs(a, secret));
    expect(count(answers, 200)).toBe(20);
    expect(answers[0]!.body.active).toBe(true);
    expect(rateLimitMember(header(answers[0]!, "ratelimit-policy"), "license")).toEqual({ q: 20, w: 60 });
    const refused = answers.filter((r) => r.status === 429);
    expect(refused).toHaveLength(5);
    expect(refused[0]!.body).toEqual({ error: "temporarily_unavailable", error_description: expect.stringContaining("20 a minute") });
    expect(Number(header(refused[0]!, "retry-after"))).toBe(55);
    expect(rateLimitMember(header(refused[0]!, "ratelimit"), "license").r).toBe(0);
    // An unknown token is not anyone's license: inactive, no rate-limit fields.
    const unknown = await introspectAs(a, "tsr_notarealtoken");
    expect(unknown.status).toBe(200);
    expect(unknown.body).toEqual({ active: false });
    expect(header(unknown, "ratelimit")).toBeUndefined();
  });

  it("the client-credentials grant counts too: over the quota 429 temporarily_unavailable, and no token is issued", async () => {
    nextWindow();
    const license = await freshLicense();
    const client = await registerClientViaApi(a, w.admin, license.id, { name: "Quota client", certIdentity: "quota-client", scopes: [read], tokenTtlSeconds: 600 });
    const answers = await inSequence(23, () => tokenRequestAs(a, "quota-client", { grant_type: "client_credentials", client_id: client.id }));
    expect(count(answers, 200)).toBe(20);
    const refused = answers.filter((r) => r.status === 429);
    expect(refused).toHaveLength(3);
    expect(refused[0]!.body.error).toBe("temporarily_unavailable");
    expect(Number(header(refused[0]!, "retry-after"))).toBeGreaterThan(0);
    expect(await a.prisma.token.count({ where: { clientId: client.id } })).toBe(20);
  });

  it("rate-limited refusals appear in the license's usage counts", async () => {
    nextWindow();
    const license = await freshLicense();
    await inSequence(27, () => validateAs(a, license.key)); // 7 refused
    await a.ctx.quotas?.rateLimited.flush();
    const res = await (await a.as("web")).json<LicenseTokenUsageResponse>("GET", `/v1/licenses/${license.id}/token-usage?range=24h`, undefined, authorization(w.admin));
    expect(res.status).toBe(200);
    expect(res.body.usage.totals.rateLimited).toBe(7);
    expect(res.body.usage.buckets.reduce((sum, bucket) => sum + (bucket.rateLimited ?? 0), 0)).toBe(7);
  });
});

describe("what does not count, and is never answered rate-limited", () => {
  it("a revoked license answers revoked, without rate-limit fields and without using any quota", async () => {
    nextWindow();
    const license = await insertLicenseRow(a, { tenantId: w.acme.tenant.id, componentId: w.cat.reports.id, tierId: w.cat.pro.id, status: "revoked" });
    const answers = await inSequence(25, () => validateAs(a, license.key));
    expect(answers.every((r) => r.status === 200 && r.body.reason === "revoked")).toBe(true);
    expect(answers.every((r) => header(r, "ratelimit") === undefined && header(r, "retry-after") === undefined)).toBe(true);
    expect(await a.prisma.licenseQuotaWindow.count({ where: { licenseId: license.id } })).toBe(0);
  });

  it("a caller that does not serve the component gets unknown-key, no fields, and cannot use up the license's quota", async () => {
    nextWindow();
    const license = await freshLicense();
    const stranger = await inSequence(25, () => validateAs(a, license.key, "stranger-service"));
    expect(stranger.every((r) => r.status === 200 && r.body.reason === "unknown-key" && header(r, "ratelimit") === undefined)).toBe(true);
    expect(count(await inSequence(20, () => validateAs(a, license.key)), 200)).toBe(20);
  });
});

describe("a license's own quota (PUT /v1/licenses/:id/request-quota)", () => {
  const put = async (id: string, body: unknown, who = authorization(w.admin)) => (await a.as("web")).json<z.infer<typeof getLicenseResponse>>("PUT", `/v1/licenses/${id}/request-quota`, body, who);

  it("overrides the tier's in every process (the cached one too), and null gives the tier's back", async () => {
    const license = await freshLicense();
    const set = await put(license.id, { requestsPerMinute: 5 });
    expect(set.status).toBe(200);
    expect(set.body.license.requestsPerMinute).toBe(5);
    expect(set.body.license.tier.requestsPerMinute).toBe(20);
    nextWindow();
    await b.validationCache?.feed.sync();
    expect(count(await inSequence(10, () => validateAs(b, license.key)), 200)).toBe(5);
    const events = await a.prisma.outboxEvent.findMany({ orderBy: { createdAt: "asc" } });
    expect(events.map((e) => e.payload as { action: string; data: Record<string, unknown> }).filter((e) => e.action === "license.request_quota").at(-1)?.data).toEqual({ fromRequestsPerMinute: null, toRequestsPerMinute: 5 });

    expect((await put(license.id, { requestsPerMinute: null })).body.license.requestsPerMinute).toBeNull();
    nextWindow();
    await b.validationCache?.feed.sync();
    expect(count(await inSequence(25, () => validateAs(b, license.key)), 200)).toBe(20);
  });

  it("refuses malformed values, other roles, unknown and revoked licenses, and changes nothing", async () => {
    const license = await freshLicense();
    for (const body of [{ requestsPerMinute: 0 }, { requestsPerMinute: -3 }, { requestsPerMinute: 1.5 }, { requestsPerMinute: "600" }, {}, { requestsPerMinute: 5, extra: 1 }, { requestsPerMinute: 2_000_000 }]) {
      const res = await put(license.id, body);
      expect(res.status, JSON.stringify(body)).toBe(422);
    }
    expect((await put(license.id, { requestsPerMinute: 5 }, authorization(w.acme.people.tenant_admin))).status).toBe(403);
    expect((await put(license.id, { requestsPerMinute: 5 }, {})).status).toBe(401);
    expect((await (await a.as("reports-worker")).json("PUT", `/v1/licenses/${license.id}/request-quota`, { requestsPerMinute: 5 })).status).toBe(403);
    expect((await put("lic_doesnotexist", { requestsPerMinute: 5 })).status).toBe(404);
    const revoked = await insertLicenseRow(a, { tenantId: w.acme.tenant.id, componentId: w.cat.reports.id, tierId: w.cat.pro.id, status: "revoked" });
    expect((await put(revoked.id, { requestsPerMinute: 5 })).status).toBe(409);
    const rows = await a.prisma.license.findMany({ where: { id: { in: [license.id, revoked.id] } }, select: { requestsPerMinute: true } });
    expect(rows.map((r) => r.requestsPerMinute)).toEqual([null, null]);
  });
});

describe("two access processes on one PostgreSQL", () => {
  it("admit no more than the limit together and at least 90% of it, with no database write per request", async () => {
    nextWindow();
    const limit = 600;
    const license = await freshLicense();
    await a.prisma.license.update({ where: { id: license.id }, data: { requestsPerMinute: limit } });
    await b.validationCache?.feed.sync();
    const ask = [await a.as("reports-worker"), await b.as("reports-worker")];
    const leasesBefore = (a.ctx.quotas?.limiter.stats().leases ?? 0) + (b.ctx.quotas?.limiter.stats().leases ?? 0);
    let admitted = 0;
    let refused = 0;
    let requests = 0;
    // 1 500 requests, 16 at a time, two of every three to A: uneven, concurrent load on both processes.
    for (let round = 0; round < 1_500 / 15; round++) {
      const batch = Array.from({ length: 15 }, (_, k) => ask[k % 3 === 0 ? 1 : 0]!.json<Record<string, unknown>>("POST", "/v1/licenses/validate", { key: license.key }));
      for (const res of await Promise.all(batch)) {
        requests++;
        if (res.status === 200 && res.body.valid === true) admitted++;
        else if (res.status === 429 && res.body.reason === "rate-limited") refused++;
      }
    }
    console.log(`[quotas] two processes, limit ${limit}/min: ${admitted} admitted, ${refused} refused of ${requests}`);
    expect(admitted + refused).toBe(requests);
    expect(admitted).toBeLessThanOrEqual(limit);
    expect(admitted).toBeGreaterThanOrEqual(limit * 0.9);
    // Leases, not requests, reached the shared row: a slice is 12 of the 600, so some fifty round trips in all.
    const leases = (a.ctx.quotas?.limiter.stats().leases ?? 0) + (b.ctx.quotas?.limiter.stats().leases ?? 0) - leasesBefore;
    console.log(`[quotas] ${leases} leases for ${requests} requests`);
    expect(leases).toBeLessThan(requests / 10);
    const row = await a.prisma.licenseQuotaWindow.findUniqueOrThrow({ where: { licenseId: license.id } });
    expect(row.leased).toBeLessThanOrEqual(limit);
    expect(row.windowStart.getTime()).toBe(Math.floor(clock.ms / minute) * minute);
  });
});

describe("many licenses' first requests of a window at once", () => {
  it("are admitted at once, each license's row leased for the window", async () => {
    nextWindow();
    const licenses = await Promise.all(Array.from({ length: 100 }, () => freshLicense()));
    const ask = await a.as("reports-worker");
    const before = a.ctx.quotas!.limiter.stats();
    const answers = await Promise.all(licenses.map((l) => ask.json<Record<string, unknown>>("POST", "/v1/licenses/validate", { key: l.key })));
    expect(answers.map((r) => r.status)).toEqual(licenses.map(() => 200));
    await a.ctx.quotas!.limiter.sweep();
    const after = a.ctx.quotas!.limiter.stats();
    console.log(`[quotas] 100 licenses' first requests: ${after.leases - before.leases} leases in ${after.statements - before.statements} statements`);
    const rows = await a.prisma.licenseQuotaWindow.findMany({ where: { licenseId: { in: licenses.map((l) => l.id) } } });
    expect(rows).toHaveLength(100);
    expect(rows.every((r) => r.leased >= 1 && r.windowStart.getTime() === Math.floor(clock.ms / minute) * minute)).toBe(true);
  });

  it("share the store's statements: leases asked together take two statements, in any license order, and grant what each asks", async () => {
    const store = postgresLeaseStore(a.prisma);
    const licenses = await Promise.all(Array.from({ length: 100 }, () => freshLicense()));
    const window = Math.floor(clock.ms / minute) * minute + 10 * minute;
    const shuffled = [...licenses].sort(() => Math.random() - 0.5);
    const leases = await Promise.all(shuffled.map((l, k) => store.lease(l.id, window, 1 + (k % 5), 3)));
    expect(leases).toEqual(shuffled.map((_, k) => ({ granted: Math.min(1 + (k % 5), 3), leased: Math.min(1 + (k % 5), 3) })));
    expect(store.statements!()).toBe(2); // the first alone, the other 99 together
    await Promise.all(shuffled.map((l) => store.giveBack(l.id, window, 1)));
    const rows = await a.prisma.licenseQuotaWindow.findMany({ where: { licenseId: { in: shuffled.map((l) => l.id) } } });
    const leasedOf = new Map(rows.map((r) => [r.licenseId, r.leased]));
    expect(shuffled.map((l) => leasedOf.get(l.id))).toEqual(shuffled.map((_, k) => Math.min(1 + (k % 5), 3) - 1));
    expect(store.statements!()).toBe(4);
  });

  it("two processes' batches over the same licenses in opposite orders neither deadlock nor grant beyond the limit", async () => {
    const [one, two] = [postgresLeaseStore(a.prisma), postgresLeaseStore(b.prisma)];
    const licenses = await Promise.all(Array.from({ length: 60 }, () => freshLicense()));
    const window = Math.floor(clock.ms / minute) * minute + 20 * minute;
    const granted = new Map<string, number>();
    for (let round = 0; round < 5; round++) {
      const forward = licenses.map((l) => one.lease(l.id, window, 2, 15));
      const backward = [...licenses].reverse().map((l) => two.lease(l.id, window, 2, 15));
      const results = await Promise.all([...forward, ...backward]);
      [...licenses, ...[...licenses].reverse()].forEach((l, k) => granted.set(l.id, (granted.get(l.id) ?? 0) + results[k]!.granted));
    }
    // 2 × 2 × 5 = 20 asked of each license's 15: exactly 15 granted, never more.
    expect([...granted.values()]).toEqual(licenses.map(() => 15));
  });
});
