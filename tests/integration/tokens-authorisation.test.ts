// Every token endpoint × every role of the license's tenant, another tenant's people, a platform admin,
// no bearer and the wrong mTLS identity; and the OAuth endpoints refused to the web tier and kept to what a
// component serves. Another tenant's license or token looks like none at all (404). Refusals change nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Role } from "../../contracts/access-api";
import { can, type Permission } from "../../contracts/permissions";
import type { CreateTokenResponse } from "../../contracts/token-api";
import { authorization, type SignedInPerson } from "../support/tenant-fixtures";
import { createTokenViaApi, createTokenWorld, tokenSnapshot, type TokenWorld } from "../support/token-fixtures";
import { startAccessService, type AccessHarness } from "../support/start-access-service";

let h: AccessHarness;
let w: TokenWorld;
let read: string;

type Target = { licenseId: string; token: CreateTokenResponse };
type Endpoint = { name: string; method: "GET" | "POST"; path: (t: Target) => string; body?: () => unknown; permission: Permission; success: number };

const endpoints: Endpoint[] = [
  { name: "list", method: "GET", path: (t) => `/v1/licenses/${t.licenseId}/tokens`, permission: "tokens.read", success: 200 },
  { name: "get", method: "GET", path: (t) => `/v1/tokens/${t.token.token.id}`, permission: "tokens.read", success: 200 },
  { name: "create", method: "POST", path: (t) => `/v1/licenses/${t.licenseId}/tokens`, body: () => ({ name: "m", scopes: [read] }), permission: "tokens.write", success: 201 },
  { name: "rotate", method: "POST", path: (t) => `/v1/tokens/${t.token.token.id}/rotate`, body: () => ({ graceHours: 0 }), permission: "tokens.write", success: 201 },
  { name: "revoke", method: "POST", path: (t) => `/v1/tokens/${t.token.token.id}/revoke`, permission: "tokens.write", success: 200 },
  { name: "revoke-all", method: "POST", path: (t) => `/v1/licenses/${t.licenseId}/tokens/revoke-all`, permission: "tokens.write", success: 200 },
];

beforeAll(async () => {
  h = await startAccessService("tokens-authz");
  w = await createTokenWorld(h, "z");
  read = `${w.cat.reports.key}:read`;
});
afterAll(async () => h?.close());

/** A fresh token of acme's license (each success may consume it). */
async function target(): Promise<Target> {
  await h.prisma.token.updateMany({ where: { licenseId: w.licenseId, revokedAt: null }, data: { revokedAt: new Date() } }); // stay under the cap
  return { licenseId: w.licenseId, token: await createTokenViaApi(h, w.admin, w.licenseId, { scopes: [read] }) };
}

const people = (): [string, SignedInPerson, Role, "own" | "other" | "platform"][] => [
  ["platform admin", w.admin, "platform_admin", "platform"],
  ...(["tenant_admin", "tenant_member", "district_reviewer"] as const).map((r) => [`acme ${r}`, w.acme.people[r], r, "own"] as [string, SignedInPerson, Role, "own"]),
  ...(["tenant_admin", "tenant_member", "district_reviewer"] as const).map((r) => [`other ${r}`, w.other.people[r], r, "other"] as [string, SignedInPerson, Role, "other"]),
];

describe("token endpoints: who may do what", () => {
  for (const e of endpoints) {
    it(`${e.name}: by role and tenant`, async () => {
      const web = await h.as("web");
      for (const [label, person, role, where] of people()) {
        const t = await target();
        const before = await tokenSnapshot(h);
        const res = await web.json(e.method, e.path(t), e.body?.(), authorization(person));
        const expected = !can(role, e.permission) ? 403 : where === "other" ? 404 : e.success;
        expect(res.status, `${label} ${e.name}`).toBe(expected);
        if (expected !== e.success) {
          expect(res.headers["content-type"]).toMatch(/problem\+json/);
          expect(await tokenSnapshot(h), `${label} ${e.name} changed nothing`).toBe(before);
        }
      }
    });

    it(`${e.name}: no bearer 401, unknown session 401, operator identity 403`, async () => {
      const t = await target();
      const before = await tokenSnapshot(h);
      const web = await h.as("web");
      expect((await web.json(e.method, e.path(t), e.body?.())).status).toBe(401);
      expect((await web.json(e.method, e.path(t), e.body?.(), authorization("tss_not-a-live-session-token-at-all-0000000000000"))).status).toBe(401);
      const operator = await h.as("operator");
      expect((await operator.json(e.method, e.path(t), e.body?.(), authorization(w.admin))).status).toBe(403);
      expect(await tokenSnapshot(h)).toBe(before);
    });
  }

  it("unknown license and token ids are 404 for the platform admin too", async () => {
    const web = await h.as("web");
    expect((await web.json("GET", "/v1/licenses/lic_nope/tokens", undefined, authorization(w.admin))).status).toBe(404);
    expect((await web.json("GET", "/v1/tokens/tok_nope", undefined, authorization(w.admin))).status).toBe(404);
    expect((await web.json("POST", "/v1/tokens/tok_nope/revoke", undefined, authorization(w.admin))).status).toBe(404);
  });
});

describe("OAuth endpoints: components only", () => {
  it("refuse the web tier (401 invalid_client, RFC 7662 §2.3 / RFC 7009 §2.2.1) and change nothing", async () => {
    const t = await target();
    const before = await tokenSnapshot(h);
    const web = await h.as("web");
    for (const path of ["/oauth/introspect", "/oauth/revoke"]) {
      const res = await web.raw(path === "/oauth/introspect" ? "POST" : "POST", path, new URLSearchParams({ token: t.token.secret }).toString(), { "content-type": "application/x-www-form-urlencoded" });
      expect(res.status, path).toBe(401);
      expect(res.headers["content-type"]).toMatch(/^application\/json/);
      expect(res.body).toMatchObject({ error: "invalid_client" });
    }
    expect(await tokenSnapshot(h)).toBe(before);
  });

  it("a resource server introspects any tenant's token of its component; a person's token it cannot revoke (200, still active, nothing audited)", async () => {
    const otherToken = await createTokenViaApi(h, w.other.people.tenant_admin, w.otherLicenseId, { scopes: [read] });
    const component = await h.as("reports-worker");
    const form = { "content-type": "application/x-www-form-urlencoded" };
    const answer = await component.raw<{ active: boolean; tenant_id: string }>("POST", "/oauth/introspect", `token=${otherToken.secret}`, form);
    expect(answer.body).toMatchObject({ active: true, tenant_id: w.other.tenant.id });
    const before = await tokenSnapshot(h);
    // RFC 7009 §2.1: only the client a token was issued to may revoke it; a person's token was issued to no client.
    expect((await component.raw("POST", "/oauth/revoke", `token=${otherToken.secret}&token_type_hint=access_token`, form)).status).toBe(200);
    expect((await component.raw("POST", "/oauth/revoke", `token=tsr_${"A".repeat(49)}`, form)).status).toBe(200);
    expect(await tokenSnapshot(h)).toBe(before);
    expect((await component.raw<{ active: boolean }>("POST", "/oauth/introspect", `token=${otherToken.secret}`, form)).body.active).toBe(true);
  });
});
