// OAuth clients of a license through the web tier: register, list, revoke (with its tokens); permissions,
// tenant isolation (404), malformed input (422, nothing changed), audit.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ListOAuthClientsResponse, RevokeOAuthClientResponse } from "../../contracts/oauth-api";
import { recordedEvents } from "../support/license-fixtures";
import { registerClientViaApi, tokenRequestAs } from "../support/oauth-fixtures";
import { startAccessService, type AccessHarness } from "../support/start-access-service";
import { authorization } from "../support/tenant-fixtures";
import { createTokenWorld, introspectorFor, tokenSnapshot, type TokenWorld } from "../support/token-fixtures";

let h: AccessHarness;
let w: TokenWorld;
const read = "ocreports:read";
const write = "ocreports:write";

beforeAll(async () => {
  h = await startAccessService("oauth-clients");
  w = await createTokenWorld(h, "oc");
});
afterAll(async () => h?.close());

const snapshot = async () => JSON.stringify({ clients: await h.prisma.oAuthClient.findMany({ orderBy: { id: "asc" } }), rest: await tokenSnapshot(h) });

describe("registering OAuth clients", () => {
  it("a tenant admin registers a client; members list it; the registration is audited", async () => {
    const client = await registerClientViaApi(h, w.acme.people.tenant_admin, w.licenseId, { name: "Reports worker", certIdentity: "oc-worker", scopes: [write, read], tokenTtlSeconds: 900 });
    expect(client).toMatchObject({ licenseId: w.licenseId, tenantId: w.acme.tenant.id, certIdentity: "oc-worker", scopes: [read, write], tokenTtlSeconds: 900, revokedAt: null });
    expect(client.id).toMatch(/^cli_/);
    const web = await h.as("web");
    const list = await web.json<ListOAuthClientsResponse>("GET", `/v1/licenses/${w.licenseId}/oauth-clients`, undefined, authorization(w.acme.people.tenant_member));
    expect(list.status).toBe(200);
    expect(list.body.clients.map((c) => c.id)).toContain(client.id);
    // The limits the register dialog offers: the license's scopes and the tier's lifetimes (24 h, 720 h).
    expect(list.body.limits).toEqual({ scopes: [read, write], defaultTtlSeconds: 24 * 3600, maxTtlSeconds: 720 * 3600, purposeRequired: false });
    const event = (await recordedEvents(h)).find((e) => e.action === "oauth_client.register" && e.target?.id === client.id);
    expect(event).toMatchObject({ tenantId: w.acme.tenant.id, data: { licenseId: w.licenseId, certIdentity: "oc-worker" } });
  });

  it("says which field is wrong: a service's own identity, a lifetime above the tier's maximum", async () => {
    const web = await h.as("web");
    const res = await web.json<{ fieldErrors?: Record<string, string[]> }>("POST", `/v1/licenses/${w.licenseId}/oauth-clients`, { name: "Own", certIdentity: "audit", scopes: [read], tokenTtlSeconds: 720 * 3600 + 1 }, authorization(w.acme.people.tenant_admin));
    expect(res.status).toBe(422);
    expect(Object.keys(res.body.fieldErrors ?? {}).sort()).toEqual(["certIdentity", "tokenTtlSeconds"]);
    expect(res.body.fieldErrors?.certIdentity?.[0]).toContain("Tessera's own services");
  });

  it("defaults the token lifetime to the tier's default", async () => {
    const client = await registerClientViaApi(h, w.admin, w.licenseId, { name: "Default TTL", certIdentity: "oc-default", scopes: [read] });
    expect(client.tokenTtlSeconds).toBe(24 * 3600);
  });

  it("refuses the wrong role (403), another tenant (404), no session (401), the wrong caller (403), malformed input (422); nothing changes", async () => {
    const before = await snapshot();
    const web = await h.as("web");
    const body = { name: "X", certIdentity: "oc-x", scopes: [read] };
    const path = `/v1/licenses/${w.licenseId}/oauth-clients`;
    expect((await web.json("POST", path, body, authorization(w.acme.people.tenant_member))).status).toBe(403);
    expect((await web.json("POST", path, body, authorization(w.other.people.tenant_admin))).status).toBe(404);
    expect((await web.json("GET", path, undefined, authorization(w.other.people.tenant_admin))).status).toBe(404);
    expect((await web.json("POST", path, body)).status).toBe(401);
    expect((await (await h.as("reports-worker")).json("POST", path, body, authorization(w.acme.people.tenant_admin))).status).toBe(403);
    for (const bad of [
      { ...body, scopes: ["ocetl:run"] }, // on the tier but not the license's component
      { ...body, scopes: [] },
      { ...body, certIdentity: "Not An Identity" },
      { ...body, certIdentity: "web" }, // Tessera's own services never use the grant
      { ...body, certIdentity: "operator" },
      { ...body, tokenTtlSeconds: 721 * 3600 },
      { ...body, name: "" },
    ]) {
      const res = await web.json<{ type: string }>("POST", path, bad, authorization(w.acme.people.tenant_admin));
      expect(res.status).toBe(422);
      expect(String(res.headers["content-type"])).toContain("problem+json");
    }
    expect((await web.json("POST", "/v1/licenses/not-an-id/oauth-clients", body, authorization(w.acme.people.tenant_admin))).status).toBe(404); // a malformed id names nothing
    expect(await snapshot()).toBe(before);
  });

  it("revoking a client revokes its tokens; another tenant gets 404; a second revoke 409", async () => {
    const client = await registerClientViaApi(h, w.acme.people.tenant_admin, w.licenseId, { name: "Revoke me", certIdentity: "oc-revoke", scopes: [read], tokenTtlSeconds: 600 });
    const issued = await tokenRequestAs(h, "oc-revoke", { grant_type: "client_credentials", client_id: client.id });
    expect(issued.status).toBe(200);
    const introspect = await introspectorFor(h);
    expect((await introspect(String(issued.body.access_token))).active).toBe(true);
    const web = await h.as("web");
    const path = `/v1/oauth-clients/${client.id}/revoke`;
    expect((await web.json("POST", path, undefined, authorization(w.other.people.tenant_admin))).status).toBe(404);
    expect((await web.json("POST", path, undefined, authorization(w.acme.people.tenant_member))).status).toBe(403);
    const res = await web.json<RevokeOAuthClientResponse>("POST", path, undefined, authorization(w.acme.people.tenant_admin));
    expect(res.status).toBe(200);
    expect(res.body.revokedTokens).toBe(1);
    expect(res.body.client.revokedAt).not.toBeNull();
    expect(await introspect(String(issued.body.access_token))).toEqual({ active: false });
    expect((await web.json("POST", path, undefined, authorization(w.acme.people.tenant_admin))).status).toBe(409);
    const events = (await recordedEvents(h)).filter((e) => e.target?.id === client.id && e.action === "oauth_client.revoke");
    expect(events).toHaveLength(1);
    expect(events[0]?.data).toMatchObject({ revokedTokens: 1 });
  });
});
