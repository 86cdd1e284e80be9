// Token lifecycle through the API and RFC 7662 introspection: create (shown once, stored as a digest),
// list/search/pages, rotate with grace, revoke, revoke all, license suspension and reinstatement, tier
// changes narrowing scopes, the tier's TTL and live-token limits, last-used batching, and audit events.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { GetTokenResponse, ListTokensResponse } from "../../contracts/token-api";
import { recordedEvents } from "../support/license-fixtures";
import { authorization } from "../support/tenant-fixtures";
import { createTokenViaApi, createTokenWorld, introspectorFor, type Introspector, type TokenWorld } from "../support/token-fixtures";
import { startAccessService, type AccessHarness } from "../support/start-access-service";

let h: AccessHarness;
let w: TokenWorld;
let introspect: Introspector;
let read: string;
let write: string;

beforeAll(async () => {
  h = await startAccessService("tokens-lifecycle", {}, { validationCache: true });
  w = await createTokenWorld(h);
  introspect = await introspectorFor(h);
  read = `${w.cat.reports.key}:read`;
  write = `${w.cat.reports.key}:write`;
});
afterAll(async () => h?.close());

const web = () => h.as("web");

describe("tokens", () => {
  it("creates a token shown once, stored as a digest, active on introspection with its scopes", async () => {
    const { token, secret } = await createTokenViaApi(h, w.acme.people.tenant_admin, w.licenseId, { name: "Deploy bot", scopes: [write, read], expiresInHours: 48 });
    expect(secret).toMatch(/^tsr_[0-9A-Za-z]{49}$/);
    expect(token).toMatchObject({ name: "Deploy bot", displayPrefix: secret.slice(0, 12), scopes: [read, write], effectiveScopes: [read, write], status: "active", licenseActive: true });
    expect(token.createdBy?.email).toBe(w.acme.people.tenant_admin.user.email);
    expect(Date.parse(token.expiresAt) - Date.parse(token.createdAt)).toBe(48 * 3_600_000);
    const row = await h.prisma.token.findUniqueOrThrow({ where: { id: token.id } });
    expect(JSON.stringify(row)).not.toContain(secret.slice(4));
    const answer = await introspect(secret);
    expect(answer).toEqual({
      active: true,
      scope: `${read} ${write}`,
      exp: Math.floor(Date.parse(token.expiresAt) / 1000),
      iat: Math.floor(Date.parse(token.createdAt) / 1000),
      sub: token.id,
      aud: w.cat.reports.key,
      token_type: "Bearer",
      license_id: w.licenseId,
      tenant_id: w.acme.tenant.id,
    });
    const json = await (await h.as("reports-worker")).json("POST", "/oauth/introspect", { token: secret });
    expect(json.body).toEqual(answer);
    const created = (await recordedEvents(h)).find((e) => e.action === "token.create" && e.target?.id === token.id);
    expect(created?.data).toMatchObject({ licenseId: w.licenseId, scopes: [read, write] });
    expect(JSON.stringify(await recordedEvents(h))).not.toContain(secret.slice(4));
  });

  it("uses the tier's default lifetime and refuses one above its maximum or a scope beyond the license", async () => {
    const { token } = await createTokenViaApi(h, w.admin, w.licenseId, { scopes: [read] });
    expect(Date.parse(token.expiresAt) - Date.parse(token.createdAt)).toBe(24 * 3_600_000);
    const client = await web();
    const tooLong = await client.json<{ fieldErrors: Record<string, string[]> }>("POST", `/v1/licenses/${w.licenseId}/tokens`, { name: "x", scopes: [read], expiresInHours: 721 }, authorization(w.admin));
    expect(tooLong.status).toBe(422);
    expect(tooLong.body.fieldErrors.expiresInHours).toBeDefined();
    const beyond = await client.json<{ fieldErrors: Record<string, string[]> }>("POST", `/v1/licenses/${w.licenseId}/tokens`, { name: "x", scopes: [`${w.cat.etl.key}:run`] }, authorization(w.admin));
    expect(beyond.status).toBe(422);
    expect(beyond.body.fieldErrors.scopes).toBeDefined();
  });

  it("lists newest first with search by name or prefix, status filter and keyset pages", async () => {
    const a = await createTokenViaApi(h, w.admin, w.licenseId, { name: "Needle alpha", scopes: [read] });
    const client = await web();
    const list = (q: string) => client.json<ListTokensResponse>("GET", `/v1/licenses/${w.licenseId}/tokens${q}`, undefined, authorization(w.acme.people.tenant_member));
    const byName = await list("?search=needle");
    expect(byName.body.tokens.map((t) => t.id)).toEqual([a.token.id]);
    const byPrefix = await list(`?search=${a.secret.slice(4, 12)}`);
    expect(byPrefix.body.tokens.map((t) => t.id)).toEqual([a.token.id]);
    const all = await list("");
    expect(all.body.total).toBeGreaterThanOrEqual(3);
    expect(all.body.limits).toMatchObject({ scopes: [read, write], defaultTtlHours: 24, maxTtlHours: 720, maxLiveTokens: 10 });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: ListTokensResponse } = await list(`?limit=1${cursor ? `&cursor=${cursor}` : ""}`);
      seen.push(...page.body.tokens.map((t) => t.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.body.tokens.map((t) => t.id));
    expect((await list("?status=revoked")).body.tokens).toEqual([]);
  });

  it("rotates: a new token with the same name and scopes; the old one works during the grace period, not after", async () => {
    const old = await createTokenViaApi(h, w.acme.people.tenant_admin, w.licenseId, { name: "Rotating", scopes: [read, write] });
    const client = await web();
    const rotated = await client.json<{ token: { id: string; name: string; scopes: string[]; rotatedFromId: string }; secret: string }>(
      "POST", `/v1/tokens/${old.token.id}/rotate`, { graceHours: 2 }, authorization(w.acme.people.tenant_admin));
    expect(rotated.status).toBe(201);
    expect(rotated.body.token).toMatchObject({ name: "Rotating", scopes: [read, write], rotatedFromId: old.token.id });
    expect((await introspect(old.secret)).active).toBe(true);
    expect((await introspect(rotated.body.secret)).active).toBe(true);
    // The grace period ends: simulate by moving the old token's end into the past (a notified change).
    await h.prisma.token.update({ where: { id: old.token.id }, data: { expiresAt: new Date(Date.now() - 1) } });
    expect(await introspect(old.secret)).toEqual({ active: false });
    expect((await introspect(rotated.body.secret)).active).toBe(true);
    const oldRow = await h.prisma.token.findUniqueOrThrow({ where: { id: old.token.id } });
    expect(oldRow.revokedAt).toBeNull();
    // Grace 0 ends the old token at once.
    const again = await client.json<{ secret: string }>("POST", `/v1/tokens/${rotated.body.token.id}/rotate`, { graceHours: 0 }, authorization(w.admin));
    expect(again.status).toBe(201);
    expect(await introspect(rotated.body.secret)).toEqual({ active: false });
    expect((await introspect(again.body.secret)).active).toBe(true);
    const expired = await client.json<{ reason: string }>("POST", `/v1/tokens/${old.token.id}/rotate`, { graceHours: 0 }, authorization(w.admin));
    expect([expired.status, expired.body.reason]).toEqual([409, "token-not-active"]);
    expect((await recordedEvents(h)).some((e) => e.action === "token.rotate" && e.target?.id === old.token.id)).toBe(true);
  });

  it("revokes one token: inactive at once, and its page says who revoked it and when", async () => {
    const t = await createTokenViaApi(h, w.acme.people.tenant_admin, w.licenseId, { scopes: [read] });
    expect((await introspect(t.secret)).active).toBe(true);
    const client = await web();
    const res = await client.json<GetTokenResponse>("POST", `/v1/tokens/${t.token.id}/revoke`, undefined, authorization(w.acme.people.tenant_admin));
    expect(res.status).toBe(200);
    expect(await introspect(t.secret)).toEqual({ active: false });
    const page = await client.json<GetTokenResponse>("GET", `/v1/tokens/${t.token.id}`, undefined, authorization(w.acme.people.tenant_member));
    expect(page.body.token).toMatchObject({ status: "revoked", revokeReason: "revoked", effectiveScopes: [] });
    expect(page.body.token.revokedBy?.email).toBe(w.acme.people.tenant_admin.user.email);
    expect(page.body.token.revokedAt).not.toBeNull();
    const twice = await client.json<{ reason: string }>("POST", `/v1/tokens/${t.token.id}/revoke`, undefined, authorization(w.acme.people.tenant_admin));
    expect([twice.status, twice.body.reason]).toEqual([409, "already-revoked"]);
    expect((await recordedEvents(h)).filter((e) => e.action === "token.revoke" && e.target?.id === t.token.id)).toHaveLength(1);
  });

  it("suspending the license stops its tokens; reinstating brings back those not revoked or expired", async () => {
    const keep = await createTokenViaApi(h, w.admin, w.licenseId, { scopes: [read] });
    const revoked = await createTokenViaApi(h, w.admin, w.licenseId, { scopes: [read] });
    const client = await web();
    await client.json("POST", `/v1/tokens/${revoked.token.id}/revoke`, undefined, authorization(w.admin));
    expect((await introspect(keep.secret)).active).toBe(true);
    expect((await client.json("POST", `/v1/licenses/${w.licenseId}/suspend`, undefined, authorization(w.admin))).status).toBe(200);
    expect(await introspect(keep.secret)).toEqual({ active: false });
    const page = await client.json<GetTokenResponse>("GET", `/v1/tokens/${keep.token.id}`, undefined, authorization(w.admin));
    expect(page.body.token).toMatchObject({ status: "active", licenseActive: false, effectiveScopes: [] });
    const refused = await client.json<{ reason: string }>("POST", `/v1/licenses/${w.licenseId}/tokens`, { name: "x", scopes: [read] }, authorization(w.admin));
    expect([refused.status, refused.body.reason]).toEqual([409, "license-not-active"]);
    expect((await client.json("POST", `/v1/licenses/${w.licenseId}/reinstate`, undefined, authorization(w.admin))).status).toBe(200);
    expect((await introspect(keep.secret)).active).toBe(true);
    expect(await introspect(revoked.secret)).toEqual({ active: false });
  });

  it("a tier change drops scopes the new tier lacks from the answer, and a change back restores them", async () => {
    const t = await createTokenViaApi(h, w.admin, w.licenseId, { scopes: [read, write] });
    const client = await web();
    expect((await client.json("POST", `/v1/licenses/${w.licenseId}/change-tier`, { tierId: w.cat.basic.id }, authorization(w.admin))).status).toBe(200);
    expect(await introspect(t.secret)).toMatchObject({ active: true, scope: read });
    expect((await client.json("POST", `/v1/licenses/${w.licenseId}/change-tier`, { tierId: w.cat.pro.id }, authorization(w.admin))).status).toBe(200);
    expect(await introspect(t.secret)).toMatchObject({ active: true, scope: `${read} ${write}` });
    // An edit to the tier itself narrows at once too (tier_scopes trigger).
    const writeScope = await h.prisma.scope.findUniqueOrThrow({ where: { key: write } });
    await h.prisma.tierScope.delete({ where: { tierId_scopeId: { tierId: w.cat.pro.id, scopeId: writeScope.id } } });
    expect(await introspect(t.secret)).toMatchObject({ active: true, scope: read });
    await h.prisma.tierScope.create({ data: { tierId: w.cat.pro.id, scopeId: writeScope.id } });
  });

  it("records last use in memory and writes it in one batch, without evicting cached answers", async () => {
    const t = await createTokenViaApi(h, w.admin, w.licenseId, { scopes: [read] });
    await introspect(t.secret);
    await introspect(t.secret);
    expect((await h.prisma.token.findUniqueOrThrow({ where: { id: t.token.id } })).lastUsedAt).toBeNull();
    const hitsBefore = h.ctx.tokenCache?.stats().hits ?? 0;
    expect(await h.ctx.tokenUsage?.flush()).toBeGreaterThanOrEqual(1);
    expect((await h.prisma.token.findUniqueOrThrow({ where: { id: t.token.id } })).lastUsedAt).not.toBeNull();
    // Notifications arrive in commit order: once this ping is back, any the flush sent has reached the cache.
    await h.validationCache!.feed.sync();
    await introspect(t.secret);
    expect(h.ctx.tokenCache?.stats().hits ?? 0).toBeGreaterThan(hitsBefore);
  });

  it("revoke-all revokes every live token of the license and leaves other licenses alone; the cap is counted on live tokens", async () => {
    const otherToken = await createTokenViaApi(h, w.other.people.tenant_admin, w.otherLicenseId, { scopes: [read] });
    const client = await web();
    const res = await client.json<{ revoked: number }>("POST", `/v1/licenses/${w.licenseId}/tokens/revoke-all`, undefined, authorization(w.acme.people.tenant_admin));
    expect(res.status).toBe(200);
    expect(res.body.revoked).toBeGreaterThan(0);
    const list = await client.json<ListTokensResponse>("GET", `/v1/licenses/${w.licenseId}/tokens?status=active`, undefined, authorization(w.admin));
    expect(list.body.tokens).toEqual([]);
    expect(list.body.limits.liveTokens).toBe(0);
    expect((await introspect(otherToken.secret)).active).toBe(true);
    expect((await recordedEvents(h, w.licenseId)).some((e) => e.action === "token.revoke_all" && e.data.revoked === res.body.revoked)).toBe(true);
    for (let i = 0; i < 10; i++) await createTokenViaApi(h, w.admin, w.licenseId, { scopes: [read] });
    const capped = await client.json<{ reason: string }>("POST", `/v1/licenses/${w.licenseId}/tokens`, { name: "eleventh", scopes: [read] }, authorization(w.admin));
    expect([capped.status, capped.body.reason]).toEqual([409, "token-limit"]);
    await client.json("POST", `/v1/licenses/${w.licenseId}/tokens/revoke-all`, undefined, authorization(w.admin));
  });
});
