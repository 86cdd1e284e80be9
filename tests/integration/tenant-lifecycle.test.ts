// A tenant's lifecycle and the catalogue's: suspending a tenant suspends its active licenses and
// reinstating brings back exactly those (one suspended before stays suspended), closing a district files an
// all-data disposition request and the tenant ends closed when it completes; components and scopes renamed
// (keys unchanged) and retired (no new license or tier scope, existing ones keep working). Each audited;
// wrong role, other tenant, repeats and malformed input refused with nothing changed.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TenantDto } from "../../contracts/tenant-api";
import { createLicenseCatalogue, createLicenseViaApi, insertLicenseRow, type LicenseCatalogue } from "../support/license-fixtures";
import { newId } from "../../services/access/domain/secrets/ids";
import { serveComponents } from "../support/resource-server-fixtures";
import { startAccessService, type AccessHarness } from "../support/start-access-service";
import { authorization, createPlatformAdmin, createTenantWithPeople, type SignedInPerson, type TenantWithPeople } from "../support/tenant-fixtures";

type Problem = { code: string; reason?: string; fieldErrors?: Record<string, string[]> };
type Action = Problem & { tenant: TenantDto; licenses?: number; dispositionId?: string };

let h: AccessHarness;
let admin: SignedInPerson;
let acme: TenantWithPeople;
let other: TenantWithPeople;
let cat: LicenseCatalogue;
const ids: Record<string, string> = {};

beforeAll(async () => {
  h = await startAccessService("tenant-lifecycle");
  admin = await createPlatformAdmin(h);
  acme = await createTenantWithPeople(h, { slug: "lc-acme", name: "Acme" });
  other = await createTenantWithPeople(h, { slug: "lc-other", name: "Other" });
  cat = await createLicenseCatalogue(h, "lc");
  ids.active = (await insertLicenseRow(h, { tenantId: acme.tenant.id, componentId: cat.reports.id, tierId: cat.pro.id })).id;
  ids.activeToo = (await insertLicenseRow(h, { tenantId: acme.tenant.id, componentId: cat.etl.id, tierId: cat.pro.id })).id;
  ids.suspendedBefore = (await insertLicenseRow(h, { tenantId: acme.tenant.id, componentId: cat.reports.id, tierId: cat.pro.id, status: "suspended" })).id;
  ids.revoked = (await insertLicenseRow(h, { tenantId: acme.tenant.id, componentId: cat.etl.id, tierId: cat.pro.id, status: "revoked" })).id;
  ids.others = (await insertLicenseRow(h, { tenantId: other.tenant.id, componentId: cat.reports.id, tierId: cat.pro.id })).id;
});
afterAll(async () => h?.close());

const call = async <T = Action>(method: "POST" | "PATCH", url: string, who: SignedInPerson, body?: unknown) => (await h.as("web")).json<T>(method, url, body, authorization(who));
const statusOf = async (id: string) => (await h.prisma.license.findUniqueOrThrow({ where: { id }, select: { status: true } })).status;
const actions = async () => (await h.prisma.outboxEvent.findMany({ orderBy: { createdAt: "asc" } })).map((e) => e.payload as { action: string; target: { id: string } | null; data: Record<string, unknown> });

describe("suspending and reinstating a tenant", () => {
  it("suspends the tenant's active licenses with it, and no other tenant's", async () => {
    const res = await call("POST", `/v1/tenants/${acme.tenant.id}/suspend`, admin);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.tenant.status).toBe("suspended");
    expect(res.body.licenses).toBe(2);
    expect(await statusOf(ids.active)).toBe("suspended");
    expect(await statusOf(ids.activeToo)).toBe("suspended");
    expect(await statusOf(ids.revoked)).toBe("revoked");
    expect(await statusOf(ids.others)).toBe("active");
    const events = await actions();
    expect(events.filter((e) => e.action === "tenant.suspend").map((e) => e.data)).toEqual([{ licenses: 2 }]);
    expect(events.filter((e) => e.action === "license.suspend").map((e) => e.target?.id).sort()).toEqual([ids.active, ids.activeToo].sort());
  });

  it("refuses a second suspension, the wrong role and another tenant, changing nothing", async () => {
    expect((await call("POST", `/v1/tenants/${acme.tenant.id}/suspend`, admin)).body.reason).toBe("already-suspended");
    expect((await call("POST", `/v1/tenants/${acme.tenant.id}/reinstate`, acme.people.tenant_admin)).status).toBe(403);
    expect((await call("POST", `/v1/tenants/${other.tenant.id}/suspend`, other.people.tenant_admin)).status).toBe(403);
    expect((await call("POST", `/v1/tenants/ten_nope/suspend`, admin)).status).toBe(404);
    expect((await call("POST", `/v1/tenants/not-an-id/suspend`, admin)).status).toBe(404);
    expect(await statusOf(ids.others)).toBe("active");
  });

  it("reinstates exactly the licenses the suspension suspended: one suspended before stays suspended", async () => {
    const res = await call("POST", `/v1/tenants/${acme.tenant.id}/reinstate`, admin);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.tenant.status).toBe("active");
    expect(res.body.licenses).toBe(2);
    expect(await statusOf(ids.active)).toBe("active");
    expect(await statusOf(ids.activeToo)).toBe("active");
    expect(await statusOf(ids.suspendedBefore)).toBe("suspended");
    expect(await statusOf(ids.revoked)).toBe("revoked");
    expect(await h.prisma.license.count({ where: { suspendedByTenant: true } })).toBe(0);
    expect((await call("POST", `/v1/tenants/${acme.tenant.id}/reinstate`, admin)).body.reason).toBe("not-suspended");
  });
});

describe("a tenant's reinstatement and its licenses' tiers", () => {
  it("reinstates the tenant with the licenses that fit their tier (seats cut to it), leaves one its tier now blocks suspended, and names it", async () => {
    const tenant = await createTenantWithPeople(h, { slug: "lc-tiered", name: "Tiered" });
    const flex = newId("tier");
    const read = await h.prisma.scope.findFirstOrThrow({ where: { key: `${cat.reports.key}:read` } });
    await h.prisma.serviceTier.create({ data: { id: flex, key: "lc-flex", name: "LC Flex", seats: 10, tokensPerLicense: 5, requestsPerMinute: 60, tokenDefaultTtlHours: 24, tokenMaxTtlHours: 720, scopes: { create: [{ scopeId: read.id }] } } });
    const fits = await insertLicenseRow(h, { tenantId: tenant.tenant.id, componentId: cat.reports.id, tierId: flex, seats: 8 });
    const blocked = await insertLicenseRow(h, { tenantId: tenant.tenant.id, componentId: cat.etl.id, tierId: cat.pro.id, seats: 5 });
    expect((await call("POST", `/v1/tenants/${tenant.tenant.id}/suspend`, admin)).body.licenses).toBe(2);
    // While the tenant is suspended its licenses cannot come back one by one.
    expect((await call("POST", `/v1/licenses/${fits.id}/reinstate`, admin)).body.reason).toBe("tenant-not-active");
    // Meanwhile Flex loses seats, and the etl license moves to Flex, which grants etl no scope (a suspended license holds neither back).
    expect((await call("PATCH", `/v1/tiers/${flex}`, admin, { seats: 6 })).status).toBe(200);
    expect((await call("POST", `/v1/licenses/${blocked.id}/change-tier`, admin, { tierId: flex })).status).toBe(200);

    const res = await call<Action & { blocked: { licenseId: string; componentKey: string; detail: string }[] }>("POST", `/v1/tenants/${tenant.tenant.id}/reinstate`, admin);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect([res.body.tenant.status, res.body.licenses]).toEqual(["active", 1]);
    expect(res.body.blocked).toEqual([{ licenseId: blocked.id, componentKey: cat.etl.key, detail: expect.stringContaining("rules of its tier LC Flex, which changed while it was suspended") }]);
    expect(res.body.blocked[0]?.detail).toContain("no scope left");
    const rows = await h.prisma.license.findMany({ where: { id: { in: [fits.id, blocked.id] } }, orderBy: { id: "asc" } });
    expect(Object.fromEntries(rows.map((r) => [r.id, [r.status, r.seats, r.suspendedByTenant]]))).toEqual({ [fits.id]: ["active", 6, false], [blocked.id]: ["suspended", 5, false] });

    const events = await actions();
    expect(events.filter((e) => e.action === "tenant.reinstate" && e.target?.id === tenant.tenant.id).map((e) => e.data)).toEqual([{ licenses: 1, blocked: [blocked.id] }]);
    const reinstated = (await h.prisma.outboxEvent.findMany({ orderBy: { createdAt: "asc" } })).map((e) => e.payload as { action: string; outcome: string; target: { id: string } | null; data: Record<string, unknown> }).filter((e) => e.action === "license.reinstate" && [fits.id, blocked.id].includes(e.target?.id ?? ""));
    expect(reinstated.map((e) => [e.target?.id, e.outcome, e.data.reason ?? null, e.data.toSeats ?? null])).toEqual([
      [fits.id, "success", null, 6],
      [blocked.id, "failure", "reinstate-blocked", null],
    ]);
    // Now it stands on its own: reinstated alone once it is on a tier it fits.
    expect((await call("POST", `/v1/licenses/${blocked.id}/change-tier`, admin, { tierId: cat.pro.id })).status).toBe(200);
    expect((await call<Action & { license: { status: string } }>("POST", `/v1/licenses/${blocked.id}/reinstate`, admin)).body.license.status).toBe("active");
  });
});

describe("closing a district through the deletion flow", () => {
  it("files an all-data disposition request; the district is closing until it completes, then closed", async () => {
    const district = await createTenantWithPeople(h, { slug: "lc-district", name: "Larch District", kind: "district" });
    await serveComponents(h, "reports-worker", [cat.reports.id]);
    const license = await createLicenseViaApi(h, admin, { tenantId: district.tenant.id, componentId: cat.reports.id, tierId: cat.basic.id });
    expect((await call("POST", `/v1/tenants/${district.tenant.id}/close`, admin, { confirmSlug: "lc-wrong" })).status).toBe(422);
    expect(await h.prisma.dispositionRequest.count({ where: { tenantId: district.tenant.id } })).toBe(0);

    const res = await call("POST", `/v1/tenants/${district.tenant.id}/close`, admin, { confirmSlug: "lc-district", reason: "Contract ended" });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.tenant.status).toBe("closing");
    const filed = await h.prisma.dispositionRequest.findUniqueOrThrow({ where: { id: res.body.dispositionId! } });
    expect(filed).toMatchObject({ tenantId: district.tenant.id, scope: "all", completedAt: null });
    expect((await call("POST", `/v1/tenants/${district.tenant.id}/suspend`, admin)).body.reason).toBe("tenant-closed");
    expect((await call("POST", `/v1/tenants/${district.tenant.id}/close`, admin, { confirmSlug: "lc-district" })).body.reason).toBe("tenant-closed");
    // No new license for a district being closed, and none renewed.
    const newLicense = { tenantId: district.tenant.id, componentId: cat.etl.id, tierId: cat.pro.id, startsAt: new Date().toISOString(), endsAt: new Date(Date.now() + 86_400_000 * 30).toISOString() };
    const refusedCreate = await call<Action & { detail: string }>("POST", "/v1/licenses", admin, newLicense);
    expect([refusedCreate.status, refusedCreate.body.reason]).toEqual([409, "tenant-not-active"]);
    expect(refusedCreate.body.detail).toContain("Larch District: the tenant is being closed");
    expect((await call("POST", `/v1/licenses/${license.id}/renew`, admin, { endsAt: new Date(Date.now() + 86_400_000 * 400).toISOString() })).body.reason).toBe("tenant-not-active");

    const ack = await (await h.as("reports-worker")).json<Problem>("POST", `/v1/dispositions/${filed.id}/acknowledgements`, { component: cat.reports.key, statement: "Deleted the district's reports." });
    expect(ack.status, JSON.stringify(ack.body)).toBe(200);
    const tenant = await h.prisma.tenant.findUniqueOrThrow({ where: { id: district.tenant.id } });
    expect(tenant.closedAt).not.toBeNull();
    expect(await statusOf(license.id)).toBe("revoked");
    const events = await actions();
    expect(events.filter((e) => e.target?.id === district.tenant.id).map((e) => e.action)).toEqual(expect.arrayContaining(["tenant.close", "tenant.closed"]));
  });

  it("refuses a company (it has no deletion flow) with a clear reason", async () => {
    const res = await call("POST", `/v1/tenants/${other.tenant.id}/close`, admin, { confirmSlug: "lc-other" });
    expect(res.status).toBe(409);
    expect(res.body.reason).toBe("not-a-district");
  });
});

describe("renaming and retiring components and scopes", () => {
  it("renames a component and a scope without touching their keys, audited", async () => {
    const res = await call<Problem & { component: { name: string; key: string } }>("PATCH", `/v1/components/${cat.reports.id}`, admin, { name: "Reporting" });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.component).toMatchObject({ name: "Reporting", key: cat.reports.key });
    const scope = await h.prisma.scope.findFirstOrThrow({ where: { key: `${cat.reports.key}:write` } });
    const renamed = await call<Problem & { scope: { description: string; key: string } }>("PATCH", `/v1/scopes/${scope.id}`, admin, { description: "Write reports" });
    expect(renamed.body.scope).toMatchObject({ description: "Write reports", key: scope.key });
    expect((await call("PATCH", `/v1/components/${cat.reports.id}`, admin, {})).status).toBe(422);
    expect((await call("PATCH", `/v1/components/${cat.reports.id}`, acme.people.tenant_admin, { name: "x" })).status).toBe(403);
    const events = await actions();
    expect(events.find((e) => e.action === "component.rename")?.data).toMatchObject({ from: "LCREPORTS", to: "Reporting" });
    expect(events.some((e) => e.action === "scope.rename")).toBe(true);
  });

  it("retires a scope: no tier may newly grant it, a tier that has it keeps it", async () => {
    const scope = await h.prisma.scope.findFirstOrThrow({ where: { key: `${cat.reports.key}:write` } });
    expect((await call("POST", `/v1/scopes/${scope.id}/retire`, admin, { confirmKey: "wrong" })).status).toBe(422);
    const res = await call<Problem & { scope: { retiredAt: string | null } }>("POST", `/v1/scopes/${scope.id}/retire`, admin, { confirmKey: scope.key });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.scope.retiredAt).not.toBeNull();
    expect((await call("POST", `/v1/scopes/${scope.id}/retire`, admin, { confirmKey: scope.key })).body.reason).toBe("already-retired");
    // The basic tier lacks it: adding it is refused; the pro tier has it: editing pro keeps it.
    const basic = await call("PATCH", `/v1/tiers/${cat.basic.id}`, admin, { scopes: [`${cat.reports.key}:read`, scope.key] });
    expect(basic.status).toBe(422);
    expect(basic.body.fieldErrors?.scopes?.[0]).toMatch(/Retired/);
    const pro = await call("PATCH", `/v1/tiers/${cat.pro.id}`, admin, { name: "LC Pro plus" });
    expect(pro.status, JSON.stringify(pro.body)).toBe(200);
    expect(await h.prisma.tierScope.count({ where: { tierId: cat.pro.id, scopeId: scope.id } })).toBe(1);
  });

  it("retires a component: no new license of it, the existing ones keep working and show retired", async () => {
    const res = await call<Problem & { component: { retiredAt: string | null } }>("POST", `/v1/components/${cat.etl.id}/retire`, admin, { confirmKey: cat.etl.key });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.component.retiredAt).not.toBeNull();
    const fresh = await createTenantWithPeople(h, { slug: "lc-fresh" });
    const refused = await call("POST", "/v1/licenses", admin, { tenantId: fresh.tenant.id, componentId: cat.etl.id, tierId: cat.pro.id, startsAt: new Date(Date.now() - 86_400_000).toISOString(), endsAt: new Date(Date.now() + 86_400_000 * 30).toISOString() });
    expect(refused.status).toBe(422);
    expect(refused.body.fieldErrors?.componentId?.[0]).toMatch(/retired/);
    expect(await statusOf(ids.activeToo)).toBe("active");
    const listed = await (await h.as("web")).json<{ components: { id: string; retiredAt: string | null }[] }>("GET", "/v1/components", undefined, authorization(acme.people.tenant_admin));
    expect(listed.body.components.find((c) => c.id === cat.etl.id)?.retiredAt).not.toBeNull();
    expect((await call("POST", `/v1/components/${cat.etl.id}/scopes`, admin, { key: `${cat.etl.key}:extra` })).body.reason).toBe("component-retired");
  });
});
