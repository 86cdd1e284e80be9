// License holders against a real access service and PostgreSQL: several licenses for one application,
// one live license per (tenant, application, holder) in the guard and in the database, the tenant-wide
// default, search by holder, and the refusals (duplicate named, malformed holder, other tenant's view).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import type { getLicenseResponse, listLicensesResponse } from "../../contracts/license-api";
import { isLiveLicenseViolation } from "../../services/access/domain/licenses/live-license-guard";
import { newId } from "../../services/access/domain/secrets/ids";
import { createLicenseCatalogue, createLicenseViaApi, inDays, insertLicenseRow, licenseSnapshot, recordedEvents, type LicenseCatalogue } from "../support/license-fixtures";
import { authorization, createPlatformAdmin, createTenantWithPeople, type SignedInPerson, type TenantWithPeople } from "../support/tenant-fixtures";
import { startAccessService, type AccessHarness } from "../support/start-access-service";

type LicenseBody = z.infer<typeof getLicenseResponse>;
type Problem = { code: string; detail: string; reason?: string; fieldErrors?: Record<string, string[]> };

let h: AccessHarness;
let admin: SignedInPerson;
let north: TenantWithPeople;
let south: TenantWithPeople;
let cat: LicenseCatalogue;

beforeAll(async () => {
  h = await startAccessService("license-holders");
  admin = await createPlatformAdmin(h);
  north = await createTenantWithPeople(h, { slug: "north-holders" });
  south = await createTenantWithPeople(h, { slug: "south-holders" });
  cat = await createLicenseCatalogue(h);
});
afterAll(async () => h?.close());

const post = async <T = LicenseBody>(path: string, body?: unknown, who: SignedInPerson = admin) => (await h.as("web")).json<T>("POST", path, body, authorization(who));
const list = async (query: string, who: SignedInPerson = admin) =>
  (await h.as("web")).json<z.infer<typeof listLicensesResponse>>("GET", `/v1/licenses?${query}`, undefined, authorization(who));
const body = (tenantId: string, holder?: unknown) => ({ tenantId, componentId: cat.reports.id, tierId: cat.basic.id, startsAt: inDays(-1), endsAt: inDays(60), ...(holder ? { holder } : {}) });

describe("license holders", () => {
  it("gives a license without a holder to the tenant as a whole, and shows the holder in the DTOs", async () => {
    const res = await post("/v1/licenses", body(north.tenant.id));
    expect(res.status).toBe(201);
    expect(res.body.license.holder).toEqual({ kind: "site", name: "north-holders" });
    const page = await list(`tenantId=${north.tenant.id}`);
    expect(page.body.licenses.find((l) => l.id === res.body.license.id)?.holder).toEqual({ kind: "site", name: "north-holders" });
    const created = (await recordedEvents(h)).find((e) => e.target?.id === res.body.license.id);
    expect(created?.data).toMatchObject({ holderKind: "site", holderName: "north-holders" });
  });

  it("takes several holders for one application and refuses a second live license for one holder, naming the first", async () => {
    const alice = await createLicenseViaApi(h, admin, { ...body(north.tenant.id), holder: { kind: "person", name: " alice " } });
    expect(alice.holder).toEqual({ kind: "person", name: "alice" }); // trimmed
    const before = await licenseSnapshot(h);
    const again = await post<Problem>("/v1/licenses", body(north.tenant.id, { kind: "person", name: "alice" }));
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ reason: "license-exists", detail: `Person alice already has a live ${cat.reports.key} license in this tenant (${alice.id}); revoke it, or let it expire, before another.` });
    expect(await licenseSnapshot(h)).toBe(before);

    for (const holder of [{ kind: "person", name: "bob" }, { kind: "team", name: "alice" }, { kind: "machine_group", name: "lab-3" }]) {
      expect((await post("/v1/licenses", body(north.tenant.id, holder))).status, JSON.stringify(holder)).toBe(201);
    }
    // The same holder in another tenant is another holder.
    expect((await post("/v1/licenses", body(south.tenant.id, { kind: "person", name: "alice" }))).status).toBe(201);
    // Once alice's is revoked, she may have a new one.
    expect((await post(`/v1/licenses/${alice.id}/revoke`)).status).toBe(200);
    expect((await post("/v1/licenses", body(north.tenant.id, { kind: "person", name: "alice" }))).status).toBe(201);
  });

  it("lets one of simultaneous creates for one holder through", async () => {
    const results = await Promise.all([1, 2, 3].map(() => post<Problem>("/v1/licenses", body(north.tenant.id, { kind: "site", name: "race" }))));
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409]);
  });

  it("expires a same-holder license whose term is over before giving the holder a new one, audited", async () => {
    const holder = { kind: "person" as const, name: "overdue" };
    const overdue = await insertLicenseRow(h, { tenantId: north.tenant.id, componentId: cat.reports.id, tierId: cat.basic.id, status: "suspended", endsAt: new Date(Date.now() - 1000), holder });
    const res = await post("/v1/licenses", body(north.tenant.id, holder));
    expect(res.status).toBe(201);
    expect(await h.prisma.license.findUniqueOrThrow({ where: { id: overdue.id } })).toMatchObject({ status: "expired" });
    expect((await recordedEvents(h)).find((e) => e.action === "license.expire" && e.target?.id === overdue.id)?.data).toMatchObject({ from: "suspended", to: "expired" });
  });

  it("refuses, in the database itself, a second live license for one holder written past the guard", async () => {
    const holder = { kind: "team" as const, name: "direct" };
    await insertLicenseRow(h, { tenantId: north.tenant.id, componentId: cat.etl.id, tierId: cat.pro.id, holder });
    const error = await insertLicenseRow(h, { tenantId: north.tenant.id, componentId: cat.etl.id, tierId: cat.pro.id, holder }).catch((e: unknown) => e);
    expect(isLiveLicenseViolation(error)).toBe(true);
    // Not live, no conflict: a revoked or expired one may sit beside it.
    await insertLicenseRow(h, { tenantId: north.tenant.id, componentId: cat.etl.id, tierId: cat.pro.id, holder, status: "revoked" });
    expect(isLiveLicenseViolation(new Error("other"))).toBe(false);
    expect(isLiveLicenseViolation(await h.prisma.tenant.create({ data: { id: newId("ten"), slug: "north-holders", name: "dup", kind: "company" } }).catch((e: unknown) => e))).toBe(false);
  });

  it("refuses a renewal that would give the holder a second live license, and allows one beside another holder's", async () => {
    const mine = await insertLicenseRow(h, { tenantId: north.tenant.id, componentId: cat.etl.id, tierId: cat.pro.id, status: "expired", endsAt: new Date(Date.now() - 1000), holder: { kind: "person", name: "renewer" } });
    await createLicenseViaApi(h, admin, { tenantId: north.tenant.id, componentId: cat.etl.id, tierId: cat.pro.id, holder: { kind: "person", name: "other" } });
    expect((await post(`/v1/licenses/${mine.id}/renew`, { endsAt: inDays(30) })).body.license.status).toBe("active");
    const twin = await insertLicenseRow(h, { tenantId: north.tenant.id, componentId: cat.etl.id, tierId: cat.pro.id, status: "expired", endsAt: new Date(Date.now() - 1000), holder: { kind: "person", name: "renewer" } });
    const res = await post<Problem>(`/v1/licenses/${twin.id}/renew`, { endsAt: inDays(30) });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ reason: "license-exists", detail: expect.stringContaining(`Person renewer already has a live ${cat.etl.key} license in this tenant (${mine.id})`) });
  });

  it("finds licenses by holder name, within the caller's tenant only", async () => {
    const found = await list("search=lab-");
    expect(found.body.licenses.map((l) => l.holder)).toEqual([{ kind: "machine_group", name: "lab-3" }]);
    const south_admin = south.people.tenant_admin;
    expect((await list("search=alice", south_admin)).body.licenses.map((l) => [l.tenant.slug, l.holder.name])).toEqual([["south-holders", "alice"]]);
  });

  it("refuses a malformed holder with field messages, writing nothing", async () => {
    const before = await licenseSnapshot(h);
    const cases: [unknown, string][] = [
      [{ kind: "robot", name: "x" }, "holder.kind"],
      [{ kind: "person", name: "   " }, "holder.name"],
      [{ kind: "person", name: "x".repeat(201) }, "holder.name"],
      [{ kind: "person" }, "holder.name"],
      ["alice", "holder"],
    ];
    for (const [holder, field] of cases) {
      const res = await post<Problem>("/v1/licenses", body(north.tenant.id, holder));
      expect(res.status, JSON.stringify(holder)).toBe(422);
      expect(Object.keys(res.body.fieldErrors ?? {}), JSON.stringify(holder)).toContain(field);
    }
    const res = await post<Problem>("/v1/licenses", body(north.tenant.id, { kind: "robot", name: "x" }));
    expect(res.body.fieldErrors?.["holder.kind"]).toEqual(["Choose a person, team, site or machine group."]);
    expect(await licenseSnapshot(h)).toBe(before);
  });
});
