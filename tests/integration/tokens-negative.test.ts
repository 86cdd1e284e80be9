// Introspection's negative answers and malformed input: every kind of bad token answers exactly
// {"active": false} (a bad checksum without touching the database), and malformed bodies, params and
// queries on every token endpoint get a 4xx problem+json — never a 500 — and change nothing.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateToken } from "../../services/access/domain/tokens/token-format";
import { authorization } from "../support/tenant-fixtures";
import { createTokenViaApi, createTokenWorld, introspectorFor, tokenSnapshot, type Introspector, type TokenWorld } from "../support/token-fixtures";
import { startAccessService, type AccessHarness } from "../support/start-access-service";

let h: AccessHarness;
let w: TokenWorld;
let introspect: Introspector;
let read: string;

beforeAll(async () => {
  h = await startAccessService("tokens-negative", {}, { validationCache: true });
  w = await createTokenWorld(h, "n");
  introspect = await introspectorFor(h);
  read = `${w.cat.reports.key}:read`;
});
afterAll(async () => h?.close());

describe("introspection answers {active:false} and nothing more", () => {
  it("bad checksum: refused without a database lookup", async () => {
    const { secret } = await createTokenViaApi(h, w.admin, w.licenseId, { scopes: [read] });
    const last = secret.at(-1) === "A" ? "B" : "A";
    const typo = secret.slice(0, -1) + last;
    let queries = 0;
    const spy = h.ctx.prisma.$queryRaw.bind(h.ctx.prisma);
    h.ctx.prisma.$queryRaw = ((...args: Parameters<typeof spy>) => ((queries += 1), spy(...args))) as typeof spy;
    try {
      expect(await introspect(typo)).toEqual({ active: false });
    } finally {
      h.ctx.prisma.$queryRaw = spy;
    }
    expect(queries).toBe(0);
  });

  it("unknown token, other prefixes, a license key, garbage", async () => {
    for (const token of [generateToken(), `tss_${generateToken().slice(4)}`, "tlk_abc", "x", "tsr_", " ".repeat(10), "'; drop table tokens; --"]) {
      expect(await introspect(token), token).toEqual({ active: false });
    }
  });

  it("expired, revoked, license suspended, license revoked, scope no longer carried", async () => {
    const expired = await createTokenViaApi(h, w.admin, w.licenseId, { scopes: [read] });
    await h.prisma.token.update({ where: { id: expired.token.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await introspect(expired.secret)).toEqual({ active: false });

    const revoked = await createTokenViaApi(h, w.admin, w.licenseId, { scopes: [read] });
    expect((await introspect(revoked.secret)).active).toBe(true); // cached now
    await (await h.as("web")).json("POST", `/v1/tokens/${revoked.token.id}/revoke`, undefined, authorization(w.admin));
    expect(await introspect(revoked.secret)).toEqual({ active: false });

    const write = `${w.cat.reports.key}:write`;
    const writeOnly = await createTokenViaApi(h, w.admin, w.licenseId, { scopes: [write] });
    expect((await introspect(writeOnly.secret)).active).toBe(true);
    await h.prisma.license.update({ where: { id: w.licenseId }, data: { tierId: w.cat.basic.id } }); // basic lacks write
    expect(await introspect(writeOnly.secret)).toEqual({ active: false });
    await h.prisma.license.update({ where: { id: w.licenseId }, data: { tierId: w.cat.pro.id } });

    const live = await createTokenViaApi(h, w.admin, w.licenseId, { scopes: [read] });
    for (const status of ["suspended", "expired", "revoked"] as const) {
      await h.prisma.license.update({ where: { id: w.licenseId }, data: { status } });
      expect(await introspect(live.secret), status).toEqual({ active: false });
    }
    await h.prisma.license.update({ where: { id: w.licenseId }, data: { status: "active", endsAt: new Date(Date.now() - 1) } });
    expect(await introspect(live.secret), "past its end").toEqual({ active: false });
    await h.prisma.license.update({ where: { id: w.licenseId }, data: { endsAt: new Date(Date.now() + 86_400_000 * 365) } });
    expect((await introspect(live.secret)).active).toBe(true);
  });
});

describe("malformed input is a 4xx problem and changes nothing", () => {
  it("introspect and revoke: missing token, wrong types, bad form, repeated parameters", async () => {
    const component = await h.as("reports-worker");
    const before = await tokenSnapshot(h);
    const form = { "content-type": "application/x-www-form-urlencoded" };
    for (const path of ["/oauth/introspect", "/oauth/revoke"]) {
      const cases: [string, Record<string, string>][] = [
        ["", form],
        ["token_type_hint=access_token", form],
        ["token=a&token=b", form],
        ["{}", { "content-type": "application/json" }],
        ['{"token": 5}', { "content-type": "application/json" }],
        ["{not json", { "content-type": "application/json" }],
        ["token=x", { "content-type": "text/plain" }],
        [`token=${"a".repeat(5000)}`, form],
      ];
      for (const [body, headers] of cases) {
        const res = await component.raw(path === "/oauth/revoke" ? "POST" : "POST", path, body, headers);
        // RFC 6749 §5.2, as RFC 7662 §2.3 and RFC 7009 §2.2.1 ask: 400 invalid_request in OAuth's JSON.
        expect(res.status, `${path} ${body.slice(0, 40)}`).toBe(400);
        expect(String(res.headers["content-type"])).toMatch(/^application\/json/);
        expect(res.body, `${path} ${body.slice(0, 40)}`).toMatchObject({ error: "invalid_request" });
      }
    }
    expect(await tokenSnapshot(h)).toBe(before);
  });

  it("introspection of any string token: {active:false}, never an error (property)", async () => {
    const component = await h.as("reports-worker");
    await fc.assert(
      fc.asyncProperty(fc.string({ minLength: 1, maxLength: 200 }), async (token) => {
        const res = await component.json("POST", "/oauth/introspect", { token });
        expect(res.status).toBe(200);
        expect(res.body).toEqual({ active: false });
      }),
      { numRuns: 60 },
    );
  });

  it("web endpoints: arbitrary JSON bodies, ids and queries (property)", async () => {
    const web = await h.as("web");
    const t = await createTokenViaApi(h, w.admin, w.licenseId, { scopes: [read] });
    const before = await tokenSnapshot(h);
    const notAnObject = fc.jsonValue({ maxDepth: 2 }).filter((v) => v === null || typeof v !== "object" || Array.isArray(v));
    const badCreate = fc.oneof(
      notAnObject,
      // Scopes are random text (never the license's keys) or not a list; the name may be missing or not text.
      fc.record({ name: fc.oneof(fc.string(), fc.jsonValue()), scopes: fc.oneof(fc.array(fc.string()), fc.jsonValue()), expiresInHours: fc.oneof(fc.integer(), fc.double(), fc.string()) }, { requiredKeys: [] }),
    );
    const badRotate = fc.oneof(
      notAnObject.filter((v) => v !== null), // a JSON null body reads as no body: rotate's defaults apply
      fc.record({ graceHours: fc.oneof(fc.integer({ min: -1000, max: -1 }), fc.integer({ min: 169 }), fc.double({ noInteger: true }), fc.string(), fc.constant(null)) }),
    );
    const refused = async (path: string, body: unknown) => {
      const res = await web.json("POST", path, body, authorization(w.acme.people.tenant_admin));
      expect(res.status, JSON.stringify(body)).toBeGreaterThanOrEqual(400);
      expect(res.status, JSON.stringify(body)).toBeLessThan(500);
      expect(String(res.headers["content-type"])).toMatch(/problem\+json/);
    };
    await fc.assert(fc.asyncProperty(badCreate, (body) => refused(`/v1/licenses/${w.licenseId}/tokens`, body)), { numRuns: 80 });
    await fc.assert(fc.asyncProperty(badRotate, (body) => refused(`/v1/tokens/${t.token.id}/rotate`, body)), { numRuns: 60 });
    expect(await tokenSnapshot(h)).toBe(before);
    for (const path of ["/v1/tokens/%00", "/v1/tokens/not an id", `/v1/licenses/${"x".repeat(100)}/tokens`, `/v1/licenses/${w.licenseId}/tokens?limit=0`, `/v1/licenses/${w.licenseId}/tokens?status=gone`, `/v1/licenses/${w.licenseId}/tokens?cursor=garbage`]) {
      const res = await web.json("GET", path, undefined, authorization(w.admin));
      expect(res.status, path).toBeGreaterThanOrEqual(400);
      expect(res.status, path).toBeLessThan(500);
    }
    for (const path of [`/v1/tokens/${encodeURIComponent("tok_ö")}/revoke`, "/v1/licenses/lic_x/tokens/revoke-all"]) {
      const res = await web.json("POST", path, undefined, authorization(w.acme.people.tenant_admin));
      expect(res.status, path).toBeGreaterThanOrEqual(400);
      expect(res.status, path).toBeLessThan(500);
    }
    expect(await tokenSnapshot(h)).toBe(before);
  });
});
