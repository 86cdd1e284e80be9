// Every license endpoint × every role of the license's tenant, of another tenant, a platform admin, no
// bearer, an ended session and the wrong mTLS identity: who is let through, who gets 403, and who gets
// 404 because another tenant's license must look like no license at all. Refusals change nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Permission } from "../../contracts/permissions";
import { can } from "../../contracts/permissions";
import type { Role } from "../../contracts/access-api";
import type { AuditClient } from "../../services/access/outbox/deliver-batch";
import { createLicenseCatalogue, inDays, insertLicenseRow, licenseSnapshot, type LicenseCatalogue } from "../support/license-fixtures";
import { authorization, createPlatformAdmin, createTenantWithPeople, fixturePassword, signInAs, type SignedInPerson, type TenantWithPeople } from "../support/tenant-fixtures";
import { giveSecondFactor } from "../support/mfa-fixtures";
import { startAccessService, type AccessHarness } from "../support/start-access-service";

type Endpoint = {
  name: string;
  method: "GET" | "POST";
  /** Path for a license id (ignored by the collection endpoints). */
  path: (id: string) => string;
  body?: (id: string) => unknown;
  permission: Permission;
  /** Acts on one license, so another tenant's person gets 404. */
  byId: boolean;
  success: number;
};

let h: AccessHarness;
let admin: SignedInPerson;
let acme: TenantWithPeople;
let other: TenantWithPeople;
let cat: LicenseCatalogue;
let componentCount = 0;

/** A fresh component the tiers grant, so each create gets its own "one live license" room. */
async function freshComponent() {
  componentCount += 1;
  const id = `cmp_matrix${componentCount}`;
  await h.prisma.component.create({ data: { id, key: `matrix${componentCount}`, name: "Matrix" } });
  await h.prisma.scope.create({ data: { id: `scp_matrix${componentCount}`, key: `matrix${componentCount}:use`, componentId: id } });
  await h.prisma.tierScope.create({ data: { tierId: cat.pro.id, scopeId: `scp_matrix${componentCount}` } });
  return id;
}

const endpoints: Endpoint[] = [
  { name: "list", method: "GET", path: () => "/v1/licenses", permission: "licenses.read", byId: false, success: 200 },
  { name: "get", method: "GET", path: (id) => `/v1/licenses/${id}`, permission: "licenses.read", byId: true, success: 200 },
  { name: "timeline", method: "GET", path: (id) => `/v1/licenses/${id}/timeline`, permission: "licenses.read", byId: true, success: 200 },
  { name: "suspend", method: "POST", path: (id) => `/v1/licenses/${id}/suspend`, permission: "licenses.write", byId: true, success: 200 },
  { name: "reinstate", method: "POST", path: (id) => `/v1/licenses/${id}/reinstate`, permission: "licenses.write", byId: true, success: 200 },
  { name: "renew", method: "POST", path: (id) => `/v1/licenses/${id}/renew`, body: () => ({ endsAt: inDays(800) }), permission: "licenses.write", byId: true, success: 200 },
  { name: "change-tier", method: "POST", path: (id) => `/v1/licenses/${id}/change-tier`, body: () => ({ tierId: cat.pro.id }), permission: "licenses.write", byId: true, success: 200 },
  { name: "revoke", method: "POST", path: (id) => `/v1/licenses/${id}/revoke`, permission: "licenses.write", byId: true, success: 200 },
  { name: "reveal-key", method: "POST", path: (id) => `/v1/licenses/${id}/reveal-key`, body: () => ({ password: fixturePassword }), permission: "license_keys.read", byId: true, success: 200 },
  { name: "create", method: "POST", path: () => "/v1/licenses", permission: "licenses.write", byId: false, success: 201 },
];

beforeAll(async () => {
  h = await startAccessService("licenses-authz");
  admin = await createPlatformAdmin(h);
  acme = await createTenantWithPeople(h, { slug: "acme-authz" });
  other = await createTenantWithPeople(h, { slug: "other-authz" });
  // Revealing a key asks for a fresh second factor: the tenants' administrators have one.
  await giveSecondFactor(h, acme.people.tenant_admin, other.people.tenant_admin);
  cat = await createLicenseCatalogue(h);
  // The timeline reads the audit service; an empty one here, so only authorisation decides.
  const emptyAudit: AuditClient = { json: async <T>() => ({ status: 200, body: { events: [], nextBeforeSeq: null } as T }) };
  h.ctx.auditClient = emptyAudit;
});
afterAll(async () => h?.close());

/** A license of acme in the state the endpoint needs to succeed. */
async function licenseFor(endpoint: Endpoint) {
  const status = endpoint.name === "reinstate" ? "suspended" : "active";
  return insertLicenseRow(h, { tenantId: acme.tenant.id, componentId: cat.reports.id, tierId: cat.basic.id, status });
}

async function bodyFor(endpoint: Endpoint, id: string) {
  if (endpoint.name === "create") return { tenantId: acme.tenant.id, componentId: await freshComponent(), tierId: cat.pro.id, startsAt: inDays(-1), endsAt: inDays(30) };
  return endpoint.body?.(id);
}

const tenantRoles = ["tenant_admin", "tenant_member", "district_reviewer"] as const;

describe("license endpoints × people", () => {
  for (const endpoint of endpoints) {
    it(`${endpoint.name}: platform admin is let through`, async () => {
      const l = await licenseFor(endpoint);
      const res = await (await h.as("web")).json(endpoint.method, endpoint.path(l.id), await bodyFor(endpoint, l.id), authorization(admin));
      expect(res.status, JSON.stringify(res.body)).toBe(endpoint.success);
    });

    for (const role of tenantRoles) {
      const allowed = can(role as Role, endpoint.permission);
      it(`${endpoint.name}: ${role} of the license's tenant → ${allowed ? endpoint.success : 403}`, async () => {
        const l = await licenseFor(endpoint);
        const body = await bodyFor(endpoint, l.id);
        const before = await licenseSnapshot(h);
        const res = await (await h.as("web")).json<{ code: string }>(endpoint.method, endpoint.path(l.id), body, authorization(acme.people[role]));
        if (allowed) {
          expect(res.status, JSON.stringify(res.body)).toBe(endpoint.success);
        } else {
          expect(res.status).toBe(403);
          expect(res.headers["content-type"]).toMatch(/problem\+json/);
          expect(await licenseSnapshot(h)).toBe(before);
        }
      });

      it(`${endpoint.name}: ${role} of another tenant → ${allowed ? (endpoint.byId ? 404 : "only their own") : 403}`, async () => {
        const l = await licenseFor(endpoint);
        const body = await bodyFor(endpoint, l.id);
        const before = await licenseSnapshot(h);
        const res = await (await h.as("web")).json<{ licenses?: { id: string }[] }>(endpoint.method, endpoint.path(l.id), body, authorization(other.people[role]));
        if (!allowed) expect(res.status).toBe(403);
        else if (endpoint.byId) expect(res.status).toBe(404);
        else {
          expect(res.status).toBe(200);
          expect(res.body.licenses?.length).toBe(0); // the other tenant has none, and sees none of acme's
        }
        if (endpoint.method === "POST") expect(await licenseSnapshot(h)).toBe(before);
      });
    }

    it(`${endpoint.name}: no bearer → 401, an ended session → 401`, async () => {
      const l = await licenseFor(endpoint);
      const web = await h.as("web");
      const body = await bodyFor(endpoint, l.id);
      const ended = await signInAs(h, `tenant-member@acme-authz.example`);
      await web.json("POST", "/v1/auth/sign-out", undefined, authorization(ended));
      const before = await licenseSnapshot(h);
      expect((await web.json(endpoint.method, endpoint.path(l.id), body)).status).toBe(401);
      expect((await web.json(endpoint.method, endpoint.path(l.id), body, authorization(ended))).status).toBe(401);
      expect(await licenseSnapshot(h)).toBe(before);
    });

    it(`${endpoint.name}: the operator or a component identity → 403 even with a valid bearer`, async () => {
      const l = await licenseFor(endpoint);
      const body = await bodyFor(endpoint, l.id);
      for (const identity of ["operator", "reports-worker"]) {
        const res = await (await h.as(identity)).json(endpoint.method, endpoint.path(l.id), body, authorization(admin));
        expect(res.status).toBe(403);
      }
    });
  }
});

describe("validate × identities", () => {
  it("answers the component's resource servers; another component's identity gets the unknown key's answer; Tessera's own identities 403", async () => {
    const l = await insertLicenseRow(h, { tenantId: acme.tenant.id, componentId: cat.reports.id, tierId: cat.basic.id });
    const served = await (await h.as("reports-worker")).json<{ valid: boolean }>("POST", "/v1/licenses/validate", { key: l.key });
    expect(served.status).toBe(200);
    expect(served.body.valid).toBe(true);
    const unknown = await (await h.as("etl-runner")).json("POST", "/v1/licenses/validate", { key: "tlk_not-a-real-key" });
    const foreign = await (await h.as("etl-runner")).json("POST", "/v1/licenses/validate", { key: l.key });
    expect(foreign).toMatchObject({ status: 200, body: { valid: false, reason: "unknown-key" } });
    expect(foreign.body).toEqual(unknown.body);
    const before = await licenseSnapshot(h);
    for (const identity of ["web", "operator", "audit", "access"]) {
      const res = await (await h.as(identity)).json<{ code: string; reason: string }>("POST", "/v1/licenses/validate", { key: l.key }, authorization(admin));
      expect(res.status, identity).toBe(403);
      expect(res.body).toMatchObject({ code: "forbidden", reason: "caller-not-admitted" });
    }
    expect(await licenseSnapshot(h)).toBe(before);
  });
});
