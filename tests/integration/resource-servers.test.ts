// Resource servers of components: registered (by certificate identity), listed and removed by platform
// administrators, audited; introspection and license validation answer an identity only about the
// components it serves (anything else exactly as for an unknown token or key); RFC 7009 revocation only by
// the client a token was issued to; and a registration or removal made through one access process holds
// in a second one on the same database at once (their caches follow the change feed).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ListResourceServersResponse } from "../../contracts/catalogue-api";
import { auditEvents, catalogueSnapshot } from "../support/catalogue-fixtures";
import { insertLicenseRow } from "../support/license-fixtures";
import { registerClientViaApi, tokenRequestAs } from "../support/oauth-fixtures";
import { startAccessService, type AccessHarness } from "../support/start-access-service";
import { authorization, type SignedInPerson } from "../support/tenant-fixtures";
import { createTokenViaApi, createTokenWorld, introspectorFor, tokenSnapshot, type TokenWorld } from "../support/token-fixtures";
import { validatorFor } from "../support/validation-cache-fixtures";

let a: AccessHarness;
let b: AccessHarness;
let w: TokenWorld;
let read: string;

beforeAll(async () => {
  a = await startAccessService("resource-servers", {}, { validationCache: true });
  b = await startAccessService("", {}, { sameDatabaseAs: a, validationCache: true });
  w = await createTokenWorld(a, "rs"); // its components are served by reports-worker
  read = `${w.cat.reports.key}:read`;
  expect(await a.validationCache?.feed.whenHealthy(5_000)).toBe(true);
  expect(await b.validationCache?.feed.whenHealthy(5_000)).toBe(true);
});
afterAll(async () => {
  await b?.close();
  await a?.close();
});

const path = (componentId: string, identity?: string) => `/v1/components/${componentId}/resource-servers${identity ? `/${identity}` : ""}`;
const call = async <T = unknown>(method: "GET" | "POST" | "DELETE", url: string, person: SignedInPerson, body?: unknown) =>
  (await a.as("web")).json<T>(method, url, body, authorization(person));
const form = { "content-type": "application/x-www-form-urlencoded" };

describe("the endpoints", () => {
  it("a platform admin registers, lists and removes a resource server, each audited", async () => {
    const id = w.cat.etl.id;
    const added = await call<{ resourceServer: { identity: string } }>("POST", path(id), w.admin, { identity: "etl-api" });
    expect(added.status, JSON.stringify(added.body)).toBe(201);
    expect(added.body.resourceServer).toMatchObject({ componentId: id, identity: "etl-api" });
    const listed = await call<ListResourceServersResponse>("GET", path(id), w.admin);
    expect(listed.body.resourceServers.map((r) => r.identity)).toEqual(["etl-api", "reports-worker"]);
    expect((await call("DELETE", path(id, "etl-api"), w.admin)).status).toBe(204);
    expect((await call<ListResourceServersResponse>("GET", path(id), w.admin)).body.resourceServers.map((r) => r.identity)).toEqual(["reports-worker"]);
    const events = [...(await auditEvents(a, "component.resource_server_add")), ...(await auditEvents(a, "component.resource_server_remove"))];
    expect(events).toEqual([
      expect.objectContaining({ actor: expect.objectContaining({ type: "user", id: w.admin.user.id }), target: { type: "component", id }, data: expect.objectContaining({ identity: "etl-api" }) }),
      expect.objectContaining({ action: "component.resource_server_remove", target: { type: "component", id }, data: expect.objectContaining({ identity: "etl-api" }) }),
    ]);
  });

  it("answers bad identities with a field error, duplicates 409, unknown components and identities 404, changing nothing", async () => {
    const id = w.cat.etl.id;
    const before = await catalogueSnapshot(a);
    for (const identity of ["Etl API", "-etl", "", "web", "operator", "x".repeat(64)]) {
      const res = await call<{ code: string; fieldErrors: Record<string, string[]> }>("POST", path(id), w.admin, { identity });
      expect(res.status, identity).toBe(422);
      expect(res.body.fieldErrors.identity?.length, identity).toBe(1);
    }
    expect((await call<{ fieldErrors: Record<string, string[]> }>("POST", path(id), w.admin, { identity: "web" })).body.fieldErrors.identity).toEqual([
      "That is one of Tessera's own identities, not a component's.",
    ]);
    expect((await call("POST", path(id), w.admin, { identity: "etl-api", extra: 1 })).status).toBe(422);
    const dup = await call<{ fieldErrors: Record<string, string[]> }>("POST", path(id), w.admin, { identity: "reports-worker" });
    expect(dup.status).toBe(409);
    expect(dup.body.fieldErrors.identity).toEqual(["Already a resource server of this component."]);
    expect((await call("POST", path("cmp_nope"), w.admin, { identity: "etl-api" })).status).toBe(404);
    expect((await call("GET", path("cmp_nope"), w.admin)).status).toBe(404);
    expect((await call("GET", "/v1/components/cmp_nope", w.admin)).status).toBe(404);
    expect((await call("GET", path("not-a-component"), w.admin)).status).toBe(404); // a malformed id names nothing
    expect((await call("DELETE", path(id, "never-registered"), w.admin)).status).toBe(404);
    expect((await call("DELETE", path("cmp_nope", "reports-worker"), w.admin)).status).toBe(404);
    expect(await catalogueSnapshot(a)).toBe(before);
  });

  it("any tenant's readers see the (vendor-wide) list; no tenant role writes; district reviewers see nothing", async () => {
    const id = w.cat.reports.id;
    const before = await catalogueSnapshot(a);
    for (const tenant of [w.acme, w.other]) {
      for (const role of ["tenant_admin", "tenant_member"] as const) {
        const listed = await call<ListResourceServersResponse>("GET", path(id), tenant.people[role]);
        expect(listed.status, role).toBe(200);
        expect(listed.body.resourceServers.map((r) => r.identity)).toEqual(["reports-worker"]);
      }
      expect((await call("GET", path(id), tenant.people.district_reviewer)).status).toBe(403);
      expect((await call<{ component: { key: string } }>("GET", `/v1/components/${id}`, tenant.people.tenant_member)).body.component.key).toBe(w.cat.reports.key);
      expect((await call("GET", `/v1/components/${id}`, tenant.people.district_reviewer)).status).toBe(403);
      for (const role of ["tenant_admin", "tenant_member", "district_reviewer"] as const) {
        expect((await call("POST", path(id), tenant.people[role], { identity: "intruder" })).status, role).toBe(403);
        expect((await call("DELETE", path(id, "reports-worker"), tenant.people[role])).status, role).toBe(403);
      }
    }
    for (const identity of ["operator", "reports-worker"]) {
      expect((await (await a.as(identity)).json("POST", path(id), { identity: "intruder" }, authorization(w.admin))).status, identity).toBe(403);
    }
    expect(await catalogueSnapshot(a)).toBe(before);
  });
});

describe("what a component learns", () => {
  it("another component's identity introspects a token as inactive, exactly as an unknown token", async () => {
    const { secret } = await createTokenViaApi(a, w.admin, w.licenseId, { scopes: [read] });
    expect((await (await introspectorFor(a))(secret)).active).toBe(true);
    const stranger = await introspectorFor(a, "billing-api");
    expect(await stranger(secret)).toEqual({ active: false });
    expect(await stranger(`tsr_${"A".repeat(49)}`)).toEqual({ active: false });
  });

  it("another component's identity validates a license as not valid, with the unknown key's reason", async () => {
    const license = await insertLicenseRow(a, { tenantId: w.acme.tenant.id, componentId: w.cat.reports.id, tierId: w.cat.pro.id });
    expect((await (await validatorFor(a))(license.key)).valid).toBe(true);
    const stranger = await validatorFor(a, "billing-api");
    const unknown = await stranger("tlk_not-a-real-key");
    expect(unknown).toEqual({ valid: false, reason: "unknown-key" });
    expect(await stranger(license.key)).toEqual(unknown);
    expect(await stranger(license.key, read)).toEqual(unknown);
  });

  it("a second OAuth client's revocation attempt leaves the token active; the client it was issued to revokes it", async () => {
    const first = await registerClientViaApi(a, w.admin, w.licenseId, { name: "First", certIdentity: "rs-first", scopes: [read], tokenTtlSeconds: 600 });
    await registerClientViaApi(a, w.admin, w.licenseId, { name: "Second", certIdentity: "rs-second", scopes: [read], tokenTtlSeconds: 600 });
    const issued = await tokenRequestAs(a, "rs-first", { grant_type: "client_credentials", client_id: first.id });
    const token = String(issued.body.access_token);
    const introspect = await introspectorFor(a);
    const before = await tokenSnapshot(a);
    for (const identity of ["rs-second", "reports-worker"]) {
      const res = await (await a.as(identity)).raw("POST", "/oauth/revoke", new URLSearchParams({ token }).toString(), form);
      expect(res.status, identity).toBe(200);
    }
    expect(await tokenSnapshot(a)).toBe(before);
    expect((await introspect(token)).active).toBe(true);
    expect((await (await a.as("rs-first")).raw("POST", "/oauth/revoke", new URLSearchParams({ token }).toString(), form)).status).toBe(200);
    expect(await introspect(token)).toEqual({ active: false });
  });

  it("a person's token cannot be revoked by any component", async () => {
    const { secret } = await createTokenViaApi(a, w.acme.people.tenant_admin, w.licenseId, { scopes: [read] });
    const before = await tokenSnapshot(a);
    for (const identity of ["reports-worker", "rs-first", "billing-api"]) {
      expect((await (await a.as(identity)).raw("POST", "/oauth/revoke", new URLSearchParams({ token: secret }).toString(), form)).status).toBe(200);
    }
    expect(await tokenSnapshot(a)).toBe(before);
    expect((await (await introspectorFor(a))(secret)).active).toBe(true);
  });
});

/** Asks until `done` holds for the answer, or the deadline passes (a generous correctness bound, not a timing). */
async function askUntil<T>(ask: () => Promise<T>, done: (answer: T) => boolean, deadlineMs = 2_000): Promise<T> {
  let answer = await ask();
  for (const until = Date.now() + deadlineMs; !done(answer) && Date.now() < until; ) answer = await ask();
  return answer;
}

describe("across access processes", () => {
  it("registering and removing a resource server through A holds in B's cached answers at once", async () => {
    const { secret } = await createTokenViaApi(a, w.admin, w.licenseId, { scopes: [read] });
    const license = await insertLicenseRow(a, { tenantId: w.other.tenant.id, componentId: w.cat.reports.id, tierId: w.cat.pro.id });
    // B is asked as a component would ask it, without waiting for its change feed.
    const introspectB = await introspectorFor(b, "late-api", { waitForChanges: false });
    const validateB = await validatorFor(b, "late-api");
    const servedB = await introspectorFor(b, "reports-worker", { waitForChanges: false });
    const cache = b.validationCache!;
    await askUntil(() => servedB(secret), (r) => r.active); // B caches the token's facts
    await askUntil(async () => (await validatorFor(b))(license.key), (r) => r.valid);
    const hits = cache.tokenCache.stats().hits + cache.cache.stats().hits;
    expect(await introspectB(secret)).toEqual({ active: false });
    expect(await validateB(license.key)).toEqual({ valid: false, reason: "unknown-key" });
    expect(cache.tokenCache.stats().hits + cache.cache.stats().hits, "B answered the stranger from its caches").toBeGreaterThan(hits);

    expect((await call("POST", path(w.cat.reports.id), w.admin, { identity: "late-api" })).status).toBe(201);
    expect((await askUntil(() => introspectB(secret), (r) => r.active)).active).toBe(true);
    expect((await askUntil(() => validateB(license.key), (r) => r.valid)).valid).toBe(true);

    expect((await call("DELETE", path(w.cat.reports.id, "late-api"), w.admin)).status).toBe(204);
    expect(await askUntil(() => introspectB(secret), (r) => !r.active)).toEqual({ active: false });
    expect(await askUntil(() => validateB(license.key), (r) => !r.valid)).toEqual({ valid: false, reason: "unknown-key" });
    expect((await servedB(secret)).active).toBe(true); // the identity it still serves is untouched
  });
});
