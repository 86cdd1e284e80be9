// Token usage over time, end to end on the real service: introspections are counted in memory, written by a
// flush, and read back per token and per license with exact counts in zero-filled buckets; a revoked token
// still presented shows as refusals; unknown tokens count nothing. Every role and tenant as on the other
// token endpoints (another tenant's token or license is 404), and a malformed range is a 400 problem.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Role } from "../../contracts/access-api";
import { can } from "../../contracts/permissions";
import type { LicenseTokenUsageResponse, TokenUsageResponse } from "../../contracts/token-api";
import { generateToken } from "../../services/access/domain/tokens/token-format";
import { authorization, type SignedInPerson } from "../support/tenant-fixtures";
import { createTokenViaApi, createTokenWorld, introspectorFor, type Introspector, type TokenWorld } from "../support/token-fixtures";
import { startAccessService, type AccessHarness } from "../support/start-access-service";

let h: AccessHarness;
let w: TokenWorld;
let introspect: Introspector;
let read: string;

beforeAll(async () => {
  h = await startAccessService("tokens-usage");
  w = await createTokenWorld(h, "u");
  introspect = await introspectorFor(h);
  read = `${w.cat.reports.key}:read`;
});
afterAll(async () => h?.close());

async function get<T>(path: string, person: SignedInPerson | null = w.admin) {
  return (await h.as("web")).json<T>("GET", path, undefined, person ? authorization(person) : {});
}
const flush = () => h.ctx.tokenUsage!.flush();
const revoke = async (id: string) => (await h.as("web")).json("POST", `/v1/tokens/${id}/revoke`, undefined, authorization(w.admin));

describe("usage is counted, flushed and read back", () => {
  it("N introspections of a token: exactly N uses in the current hour, zero elsewhere; nothing before the flush", async () => {
    const t = await createTokenViaApi(h, w.admin, w.licenseId, { scopes: [read] });
    for (let i = 0; i < 5; i++) expect((await introspect(t.secret)).active).toBe(true);
    expect(await h.prisma.tokenUsage.count({ where: { tokenId: t.token.id } })).toBe(0); // nothing per request
    expect(await flush()).toBeGreaterThanOrEqual(1);

    const res = await get<TokenUsageResponse>(`/v1/tokens/${t.token.id}/usage?range=24h`);
    expect(res.status).toBe(200);
    const { usage } = res.body;
    expect(usage).toMatchObject({ range: "24h", bucketHours: 1, totals: { uses: 5, refusals: 0 } });
    expect(usage.buckets).toHaveLength(24);
    expect(usage.buckets.at(-1)).toMatchObject({ uses: 5, refusals: 0 });
    expect(usage.buckets.slice(0, -1).every((b) => b.uses === 0 && b.refusals === 0)).toBe(true);
    expect(Date.parse(usage.buckets.at(-1)!.start)).toBe(Math.floor(Date.now() / 3_600_000) * 3_600_000);

    // A second batch adds to the row (ON CONFLICT … uses + excluded.uses), it does not replace it.
    for (let i = 0; i < 3; i++) await introspect(t.secret);
    await flush();
    const again = await get<TokenUsageResponse>(`/v1/tokens/${t.token.id}/usage`);
    expect(again.body.usage.totals).toEqual({ uses: 8, refusals: 0 });
    expect(again.body.usage.range).toBe("24h");
  });

  it("a revoked token still presented: its introspections are refusals; unknown tokens count nothing", async () => {
    const t = await createTokenViaApi(h, w.admin, w.licenseId, { scopes: [read] });
    await introspect(t.secret);
    await introspect(t.secret);
    expect((await revoke(t.token.id)).status).toBe(200);
    for (let i = 0; i < 3; i++) expect(await introspect(t.secret)).toEqual({ active: false });
    const rowsBefore = await h.prisma.tokenUsage.count();
    await introspect(generateToken());
    await introspect("tsr_garbage");
    await flush();
    expect(await h.prisma.tokenUsage.count()).toBe(rowsBefore + 1); // only this token's hour row is new

    const { body } = await get<TokenUsageResponse>(`/v1/tokens/${t.token.id}/usage?range=7d`);
    expect(body.usage).toMatchObject({ range: "7d", bucketHours: 6, totals: { uses: 2, refusals: 3 } });
    expect(body.usage.buckets).toHaveLength(28);
    expect(body.usage.buckets.at(-1)).toMatchObject({ uses: 2, refusals: 3 });
  });

  it("a license's usage is the sum over its tokens, with its busiest tokens first; other licenses' use is not in it", async () => {
    const busy = await createTokenViaApi(h, w.admin, w.licenseId, { name: "busy", scopes: [read] });
    const quiet = await createTokenViaApi(h, w.admin, w.licenseId, { name: "quiet", scopes: [read] });
    const elsewhere = await createTokenViaApi(h, w.admin, w.otherLicenseId, { scopes: [read] });
    const before = (await get<LicenseTokenUsageResponse>(`/v1/licenses/${w.licenseId}/token-usage?range=30d`)).body.usage.totals;
    for (let i = 0; i < 4; i++) await introspect(busy.secret);
    await introspect(quiet.secret);
    for (let i = 0; i < 6; i++) await introspect(elsewhere.secret);
    await flush();

    const res = await get<LicenseTokenUsageResponse>(`/v1/licenses/${w.licenseId}/token-usage?range=30d`);
    expect(res.status).toBe(200);
    expect(res.body.usage).toMatchObject({ range: "30d", bucketHours: 24 });
    expect(res.body.usage.buckets).toHaveLength(30);
    expect(res.body.usage.totals).toEqual({ uses: before.uses + 5, refusals: before.refusals, rateLimited: 0 }); // nothing here reached the quota
    const top = res.body.topTokens;
    expect(top.length).toBeLessThanOrEqual(5);
    expect(top.find((t) => t.id === busy.token.id)).toMatchObject({ name: "busy", uses: 4, refusals: 0, displayPrefix: busy.token.displayPrefix });
    expect(top.findIndex((t) => t.id === busy.token.id)).toBeLessThan(top.findIndex((t) => t.id === quiet.token.id));
    expect(top.some((t) => t.id === elsewhere.token.id)).toBe(false);
    const other = await get<LicenseTokenUsageResponse>(`/v1/licenses/${w.otherLicenseId}/token-usage?range=24h`, w.other.people.tenant_admin);
    expect(other.body.usage.totals).toEqual({ uses: 6, refusals: 0, rateLimited: 0 });
  });

  it("older hours land in their bucket: in 7d and 30d, not in 24h", async () => {
    const t = await createTokenViaApi(h, w.admin, w.licenseId, { scopes: [read] });
    const threeDaysAgo = new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000 - 72 * 3_600_000);
    await h.prisma.tokenUsage.create({ data: { tokenId: t.token.id, licenseId: w.licenseId, tenantId: w.acme.tenant.id, bucket: threeDaysAgo, uses: 7, refusals: 2 } });
    expect((await get<TokenUsageResponse>(`/v1/tokens/${t.token.id}/usage?range=24h`)).body.usage.totals).toEqual({ uses: 0, refusals: 0 });
    const week = (await get<TokenUsageResponse>(`/v1/tokens/${t.token.id}/usage?range=7d`)).body.usage;
    expect(week.totals).toEqual({ uses: 7, refusals: 2 });
    expect(week.buckets.filter((b) => b.uses > 0)).toEqual([{ start: new Date(Math.floor(+threeDaysAgo / 21_600_000) * 21_600_000).toISOString(), uses: 7, refusals: 2 }]);
    expect((await get<TokenUsageResponse>(`/v1/tokens/${t.token.id}/usage?range=30d`)).body.usage.totals).toEqual({ uses: 7, refusals: 2 });
  });
});

describe("who may read usage", () => {
  const people = (): [string, SignedInPerson, Role, "own" | "other" | "platform"][] => [
    ["platform admin", w.admin, "platform_admin", "platform"],
    ...(["tenant_admin", "tenant_member", "district_reviewer"] as const).map((r) => [`acme ${r}`, w.acme.people[r], r, "own"] as [string, SignedInPerson, Role, "own"]),
    ...(["tenant_admin", "tenant_member", "district_reviewer"] as const).map((r) => [`other ${r}`, w.other.people[r], r, "other"] as [string, SignedInPerson, Role, "other"]),
  ];

  it("by role and tenant: another tenant's token or license is not found", async () => {
    const t = await createTokenViaApi(h, w.admin, w.licenseId, { scopes: [read] });
    await introspect(t.secret);
    await flush();
    for (const path of [`/v1/tokens/${t.token.id}/usage?range=24h`, `/v1/licenses/${w.licenseId}/token-usage?range=24h`]) {
      for (const [label, person, role, where] of people()) {
        const res = await get<{ usage?: { totals: { uses: number } } }>(path, person);
        const expected = !can(role, "tokens.read") ? 403 : where === "other" ? 404 : 200;
        expect(res.status, `${label} ${path}`).toBe(expected);
        if (expected === 200) expect(res.body.usage!.totals.uses, label).toBeGreaterThanOrEqual(1);
        else expect(res.headers["content-type"], label).toMatch(/problem\+json/);
      }
    }
  });

  it("no bearer 401, unknown session 401, operator and component identities 403", async () => {
    const t = await createTokenViaApi(h, w.admin, w.licenseId, { scopes: [read] });
    for (const path of [`/v1/tokens/${t.token.id}/usage`, `/v1/licenses/${w.licenseId}/token-usage`]) {
      expect((await get(path, null)).status).toBe(401);
      expect((await (await h.as("web")).json("GET", path, undefined, authorization("tss_not-a-live-session-token-at-all-0000000000000"))).status).toBe(401);
      for (const identity of ["operator", "reports-worker"]) expect((await (await h.as(identity)).json("GET", path, undefined, authorization(w.admin))).status, identity).toBe(403);
    }
  });

  it("unknown ids are 404 for the platform admin too", async () => {
    expect((await get("/v1/tokens/tok_nope/usage")).status).toBe(404);
    expect((await get("/v1/licenses/lic_nope/token-usage")).status).toBe(404);
  });

  it("a malformed range is a 400 problem naming the field", async () => {
    const t = await createTokenViaApi(h, w.admin, w.licenseId, { scopes: [read] });
    for (const base of [`/v1/tokens/${t.token.id}/usage`, `/v1/licenses/${w.licenseId}/token-usage`]) {
      for (const query of ["range=1y", "range=24H", "range=", "range=24h&range=7d", "range=24h&from=0", `range=${"x".repeat(300)}`]) {
        const res = await get<{ code: string; fieldErrors?: Record<string, string[]> }>(`${base}?${query}`);
        expect(res.status, `${base}?${query}`).toBe(400);
        expect(res.headers["content-type"]).toMatch(/problem\+json/);
        expect(res.body.code).toBe("bad-request");
      }
    }
  });
});
