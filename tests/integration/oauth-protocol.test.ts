// OAuth 2.0 with a real client library (oauth4webapi): RFC 8414 discovery, client credentials over mTLS
// (RFC 8705 tls_client_auth), RFC 7662 introspection and RFC 7009 revocation; certificate binding
// (a token obtained with certificate A is inactive when presented with certificate B); and every refusal
// of the token endpoint as RFC 6749 §5.2 JSON.
import * as oauth from "oauth4webapi";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AuthorizationServerMetadata, OAuthClientDto } from "../../contracts/oauth-api";
import { insertLicenseRow } from "../support/license-fixtures";
import { authorization } from "../support/tenant-fixtures";
import { discover, oauthComponent, registerClientViaApi, tokenRequestAs, type OAuthComponent } from "../support/oauth-fixtures";
import { startAccessService, type AccessHarness } from "../support/start-access-service";
import { serveComponents } from "../support/resource-server-fixtures";
import { createTokenViaApi, createTokenWorld, introspectorFor, tokenSnapshot, type TokenWorld } from "../support/token-fixtures";

let h: AccessHarness;
let w: TokenWorld;
let worker: OAuthComponent;
let client: OAuthClientDto;
const read = "opreports:read";
const write = "opreports:write";

beforeAll(async () => {
  h = await startAccessService("oauth-protocol");
  w = await createTokenWorld(h, "op");
  client = await registerClientViaApi(h, w.acme.people.tenant_admin, w.licenseId, { name: "Worker", certIdentity: "op-worker", scopes: [read, write], tokenTtlSeconds: 600 });
  // The worker introspects its own tokens in the library's flow, and op-reports-api is the resource server
  // the bound-token tests present them to: both serve the world's components.
  for (const identity of ["op-worker", "op-reports-api"]) await serveComponents(h, identity, [w.cat.reports.id, w.cat.etl.id]);
  worker = await oauthComponent(h, "op-worker");
});
afterAll(async () => {
  await worker?.close();
  await h?.close();
});

describe("oauth4webapi against the access service", () => {
  it("discovers the metadata (RFC 8414, RFC 8705 aliases)", async () => {
    const as = await discover(h, worker);
    const base = h.url;
    expect(as).toMatchObject({
      issuer: base,
      token_endpoint: `${base}/oauth/token`,
      introspection_endpoint: `${base}/oauth/introspect`,
      revocation_endpoint: `${base}/oauth/revoke`,
      grant_types_supported: ["client_credentials"],
      token_endpoint_auth_methods_supported: ["tls_client_auth"],
      tls_client_certificate_bound_access_tokens: true,
      mtls_endpoint_aliases: { token_endpoint: `${base}/oauth/token`, introspection_endpoint: `${base}/oauth/introspect`, revocation_endpoint: `${base}/oauth/revoke` },
    } satisfies Partial<AuthorizationServerMetadata>);
  });

  it("client credentials → introspection (bound: cnf.x5t#S256) → revocation → inactive", async () => {
    const as = await discover(h, worker);
    const me: oauth.Client = { client_id: client.id };
    const auth = oauth.TlsClientAuth();
    const grant = await oauth.clientCredentialsGrantRequest(as, me, auth, new URLSearchParams({ scope: read }), worker.options);
    expect(grant.headers.get("cache-control")).toBe("no-store");
    const tokens = await oauth.processClientCredentialsResponse(as, me, grant);
    expect(tokens.token_type).toBe("bearer"); // oauth4webapi lower-cases it
    expect(tokens.expires_in).toBe(600);
    expect(tokens.scope).toBe(read);
    expect(tokens.access_token).toMatch(/^tsr_/);

    const introspected = await oauth.processIntrospectionResponse(as, me, await oauth.introspectionRequest(as, me, auth, tokens.access_token, worker.options));
    expect(introspected).toMatchObject({ active: true, token_type: "Bearer", scope: read, client_id: client.id, license_id: w.licenseId, tenant_id: w.acme.tenant.id, cnf: { "x5t#S256": worker.thumbprint } });

    const row = await h.prisma.token.findFirstOrThrow({ where: { clientId: client.id }, orderBy: { createdAt: "desc" } });
    expect(row).toMatchObject({ certThumbprint: worker.thumbprint, createdById: null });
    expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBe(600_000);

    await oauth.processRevocationResponse(await oauth.revocationRequest(as, me, auth, tokens.access_token, worker.options));
    const after = await oauth.processIntrospectionResponse(as, me, await oauth.introspectionRequest(as, me, auth, tokens.access_token, worker.options));
    expect(after).toEqual({ active: false });
  });

  it("grants all the client's scopes when none are asked for", async () => {
    const res = await tokenRequestAs(h, "op-worker", { grant_type: "client_credentials", client_id: client.id });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ token_type: "Bearer", expires_in: 600, scope: `${read} ${write}` });
  });
});

describe("certificate binding (RFC 8705)", () => {
  it("a token obtained with certificate A is inactive when presented with certificate B, active with A", async () => {
    const other = await oauthComponent(h, "op-intruder");
    try {
      const res = await tokenRequestAs(h, "op-worker", { grant_type: "client_credentials", client_id: client.id, scope: read });
      const token = String(res.body.access_token);
      expect(other.thumbprint).not.toBe(worker.thumbprint);
      // The resource server introspects with its own certificate and forwards the presenting client's thumbprint.
      const api = await h.as("op-reports-api");
      const introspect = async (fields: Record<string, string>) =>
        (await api.raw<Record<string, unknown>>("POST", "/oauth/introspect", new URLSearchParams({ token, ...fields }).toString(), { "content-type": "application/x-www-form-urlencoded" })).body;
      expect(await introspect({ cnf_x5t_s256: other.thumbprint })).toEqual({ active: false });
      expect(await introspect({ cnf_x5t_s256: worker.thumbprint })).toMatchObject({ active: true, cnf: { "x5t#S256": worker.thumbprint } });
      // Without the parameter the resource server gets cnf to compare itself.
      expect(await introspect({})).toMatchObject({ active: true, cnf: { "x5t#S256": worker.thumbprint } });
      // The usage chart counts the wrongly bound presentation as a refusal, the other two as uses.
      await h.ctx.tokenUsage?.flush();
      const issued = await h.prisma.token.findFirstOrThrow({ where: { clientId: client.id }, orderBy: { createdAt: "desc" } });
      const usage = await h.prisma.tokenUsage.findMany({ where: { tokenId: issued.id } });
      expect(usage.reduce((n, u) => n + u.uses, 0)).toBe(2);
      expect(usage.reduce((n, u) => n + u.refusals, 0)).toBe(1);
      // A malformed thumbprint is a malformed request (RFC 6749 §5.2 invalid_request), not an answer.
      const bad = await api.raw<Record<string, unknown>>("POST", "/oauth/introspect", new URLSearchParams({ token, cnf_x5t_s256: "nope" }).toString(), { "content-type": "application/x-www-form-urlencoded" });
      expect([bad.status, bad.body.error]).toEqual([400, "invalid_request"]);
    } finally {
      await other.close();
    }
  });

  it("an unbound token (created by a person) ignores the forwarded thumbprint", async () => {
    const { secret } = await createTokenViaApi(h, w.acme.people.tenant_admin, w.licenseId, { scopes: [read] });
    const api = await h.as("op-reports-api");
    const res = await api.raw<Record<string, unknown>>("POST", "/oauth/introspect", new URLSearchParams({ token: secret, cnf_x5t_s256: worker.thumbprint }).toString(), {
      "content-type": "application/x-www-form-urlencoded",
    });
    expect(res.body).toMatchObject({ active: true });
    expect(res.body).not.toHaveProperty("cnf");
  });
});

describe("token endpoint refusals (RFC 6749 §5.2 JSON, nothing issued)", () => {
  const expectOAuthError = (res: { status: number; body: Record<string, unknown>; headers: Record<string, unknown> }, status: number, error: string) => {
    expect(res.status).toBe(status);
    expect(String(res.headers["content-type"])).toMatch(/^application\/json/);
    expect(res.body).toMatchObject({ error });
    expect(typeof res.body.error_description).toBe("string");
  };

  it("answers each refusal with the right code and changes nothing", async () => {
    const suspended = await insertLicenseRow(h, { tenantId: w.acme.tenant.id, componentId: w.cat.reports.id, tierId: w.cat.pro.id });
    const onSuspended = await registerClientViaApi(h, w.acme.people.tenant_admin, suspended.id, { name: "S", certIdentity: "op-worker", scopes: [read], tokenTtlSeconds: 600 });
    await h.prisma.license.update({ where: { id: suspended.id }, data: { status: "suspended" } });
    const revoked = await registerClientViaApi(h, w.acme.people.tenant_admin, w.licenseId, { name: "R", certIdentity: "op-worker", scopes: [read], tokenTtlSeconds: 600 });
    await h.prisma.oAuthClient.update({ where: { id: revoked.id }, data: { revokedAt: new Date() } });
    const before = await tokenSnapshot(h);

    const grant = { grant_type: "client_credentials", client_id: client.id };
    expectOAuthError(await tokenRequestAs(h, "op-intruder", grant), 401, "invalid_client"); // wrong certificate identity
    expectOAuthError(await tokenRequestAs(h, "op-worker", { ...grant, client_id: "cli_unknown" }), 401, "invalid_client");
    expectOAuthError(await tokenRequestAs(h, "op-worker", { ...grant, client_id: revoked.id }), 401, "invalid_client");
    expectOAuthError(await tokenRequestAs(h, "op-worker", { ...grant, client_id: onSuspended.id }), 400, "invalid_grant");
    expectOAuthError(await tokenRequestAs(h, "op-worker", { ...grant, scope: `${read} opetl:run` }), 400, "invalid_scope");
    expectOAuthError(await tokenRequestAs(h, "op-worker", { ...grant, grant_type: "password" }), 400, "unsupported_grant_type");
    expectOAuthError(await tokenRequestAs(h, "op-worker", { grant_type: "client_credentials" }), 400, "invalid_request");
    expectOAuthError(await tokenRequestAs(h, "web", grant), 400, "unauthorized_client");
    const worker = await h.as("op-worker");
    expectOAuthError(await worker.raw("POST", "/oauth/token", "grant_type=client_credentials&grant_type=x", { "content-type": "application/x-www-form-urlencoded" }), 400, "invalid_request");
    expectOAuthError(await worker.raw("POST", "/oauth/token", "{not json", { "content-type": "application/json" }), 400, "invalid_request");
    expectOAuthError(await worker.raw("POST", "/oauth/token", "x", { "content-type": "text/plain" }), 400, "invalid_request");
    expect(await tokenSnapshot(h)).toBe(before);
  });

  it("the metadata, like every OAuth endpoint, is for components: the web tier may neither read it nor introspect", async () => {
    expect((await (await h.as("reports-worker")).json("GET", "/.well-known/oauth-authorization-server")).status).toBe(200);
    expect((await (await h.as("web")).json("GET", "/.well-known/oauth-authorization-server")).status).toBe(403);
    const introspection = await (await h.as("web")).raw<{ error?: string }>("POST", "/oauth/introspect", "token=x", { "content-type": "application/x-www-form-urlencoded" });
    expect([introspection.status, introspection.body.error]).toEqual([401, "invalid_client"]);
  });
});

describe("introspection and revocation refusals, as oauth4webapi reads them (RFC 6749 §5.2, RFC 7662 §2.3, RFC 7009 §2.2.1)", () => {
  type Endpoint = "introspection" | "revocation";
  const process = { introspection: oauth.processIntrospectionResponse, revocation: oauth.processRevocationResponse };

  /** Posts `body` as `component` to the endpoint the metadata names, and lets oauth4webapi process the answer. */
  async function refusal(component: OAuthComponent, endpoint: Endpoint, body: string, contentType = "application/x-www-form-urlencoded") {
    const as = await discover(h, worker); // the metadata is for components: the web tier may not read it
    const url = endpoint === "introspection" ? as.introspection_endpoint! : as.revocation_endpoint!;
    const response = await component.options[oauth.customFetch](url, { method: "POST", headers: { "content-type": contentType, accept: "application/json" }, body, redirect: "manual" } as never);
    expect(response.headers.get("content-type"), `${endpoint} ${body}`).toMatch(/^application\/json/);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const processing = endpoint === "introspection" ? process.introspection(as, { client_id: client.id }, response) : process.revocation(response);
    const error = await processing.then(() => undefined, (e: unknown) => e);
    expect(error, `${endpoint} ${body}`).toBeInstanceOf(oauth.ResponseBodyError);
    const { status, error: code, error_description } = error as oauth.ResponseBodyError;
    expect(error_description).toMatch(/^[\x20\x21\x23-\x5b\x5d-\x7e]+$/); // §5.2: printable ASCII without " and \
    return { status, code, description: error_description };
  }

  for (const endpoint of ["introspection", "revocation"] as const) {
    it(`${endpoint}: without token, 400 invalid_request, not a problem document`, async () => {
      expect(await refusal(worker, endpoint, "")).toMatchObject({ status: 400, code: "invalid_request", description: expect.stringMatching(/^token: /) });
      expect(await refusal(worker, endpoint, "{}", "application/json")).toMatchObject({ status: 400, code: "invalid_request" });
    });

    it(`${endpoint}: a malformed request (parameter twice, NUL, content type, broken JSON) is invalid_request`, async () => {
      expect(await refusal(worker, endpoint, "token=a&token=b")).toMatchObject({ status: 400, code: "invalid_request", description: expect.stringMatching(/more than once/) });
      expect(await refusal(worker, endpoint, "token=tsr_%00x")).toMatchObject({ status: 400, code: "invalid_request", description: expect.stringMatching(/NUL/) });
      expect(await refusal(worker, endpoint, "token=x", "text/plain")).toMatchObject({ status: 400, code: "invalid_request" });
      expect(await refusal(worker, endpoint, "{not json", "application/json")).toMatchObject({ status: 400, code: "invalid_request" });
    });

    it(`${endpoint}: a caller not admitted (the web tier) is 401 invalid_client`, async () => {
      const web = await oauthComponent(h, "web");
      try {
        expect(await refusal(web, endpoint, "token=tsr_x")).toMatchObject({ status: 401, code: "invalid_client" });
      } finally {
        await web.close();
      }
    });
  }
});

// Introspection without the binding parameter (as the token tests' introspector does) sees client tokens as active.
it("the shared introspector sees client tokens", async () => {
  const res = await tokenRequestAs(h, "op-worker", { grant_type: "client_credentials", client_id: client.id });
  expect((await (await introspectorFor(h, "op-reports-api"))(String(res.body.access_token))).active).toBe(true);
});

describe("live-token pools", () => {
  it("a client that asks too often exhausts only its own pool, never the people's or another client's", async () => {
    const license = await insertLicenseRow(h, { tenantId: w.acme.tenant.id, componentId: w.cat.etl.id, tierId: w.cat.pro.id });
    const cap = (await h.prisma.serviceTier.findUniqueOrThrow({ where: { id: w.cat.pro.id } })).tokensPerLicense;
    const etlRun = `${w.cat.etl.key}:run`;
    const register = (name: string, certIdentity: string) =>
      registerClientViaApi(h, w.acme.people.tenant_admin, license.id, { name, certIdentity, scopes: [etlRun], tokenTtlSeconds: 600 });
    const chatty = await register("Chatty", "op-chatty");
    const calm = await register("Calm", "op-calm");
    const grant = (identity: string, clientId: string) => tokenRequestAs(h, identity, { grant_type: "client_credentials", client_id: clientId });
    for (let n = 0; n < cap; n++) expect((await grant("op-chatty", chatty.id)).status).toBe(200);
    const refused = await grant("op-chatty", chatty.id);
    expect([refused.status, refused.body.error]).toEqual([400, "invalid_grant"]);
    expect(String(refused.body.error_description)).toMatch(/This client already holds \d+ live tokens/);
    expect((await grant("op-calm", calm.id)).status).toBe(200);
    // People's pool is untouched: they can still make tokens up to the cap, and the list counts only theirs.
    const web = await h.as("web");
    const list = await web.json<{ limits: { liveTokens: number; maxLiveTokens: number } }>("GET", `/v1/licenses/${license.id}/tokens`, undefined, authorization(w.admin));
    expect(list.body.limits).toMatchObject({ liveTokens: 0, maxLiveTokens: cap });
    await createTokenViaApi(h, w.admin, license.id, { scopes: [etlRun] });
  });
});
