// Licenses end to end against a real access service and PostgreSQL: create, every action and every
// refused transition, a tier change narrowing scopes at once, expiry (on read and by the sweep),
// validation answers, the key reveal, and the key never showing up where it must not.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import { tenantWideHolder, type getLicenseResponse, type listLicensesResponse, type validateLicenseResponse } from "../../contracts/license-api";
import { wrongPasswordMessage } from "../../contracts/field-messages";
import { expireOverdueLicenses, startExpirySweep } from "../../services/access/domain/licenses/expiry-sweep";
import {
  createLicenseCatalogue,
  createLicenseViaApi,
  inDays,
  insertLicenseRow,
  licenseKeyOf,
  licenseSnapshot,
  recordedEvents,
  type LicenseCatalogue,
} from "../support/license-fixtures";
import { authorization, createPlatformAdmin, createTenantWithPeople, fixturePassword, type SignedInPerson, type TenantWithPeople } from "../support/tenant-fixtures";
import { giveSecondFactor } from "../support/mfa-fixtures";
import { startAccessService, type AccessHarness } from "../support/start-access-service";
import { createTestClock } from "../support/test-clock";

type LicenseBody = z.infer<typeof getLicenseResponse>;
type Problem = { code: string; reason?: string; fieldErrors?: Record<string, string[]> };

let h: AccessHarness;
let admin: SignedInPerson;
let acme: TenantWithPeople;
let cat: LicenseCatalogue;
/** The service's clock: the expiry tests move it past a license's end instead of sleeping until then. */
const clock = createTestClock();

beforeAll(async () => {
  h = await startAccessService("licenses-lifecycle", {}, { now: clock.now });
  admin = await createPlatformAdmin(h);
  acme = await createTenantWithPeople(h, { slug: "acme" });
  cat = await createLicenseCatalogue(h);
  // Revealing a key asks for a fresh second factor: acme's administrator has one.
  await giveSecondFactor(h, acme.people.tenant_admin);
});
afterAll(async () => h?.close());

const web = () => h.as("web");
const post = async <T = LicenseBody>(path: string, body?: unknown, who: SignedInPerson = admin) => (await web()).json<T>("POST", path, body, authorization(who));
const get = async <T = LicenseBody>(path: string, who: SignedInPerson = admin) => (await web()).json<T>("GET", path, undefined, authorization(who));
const validate = async (key: string, scope?: string) =>
  (await h.as("reports-worker")).json<z.infer<typeof validateLicenseResponse>>("POST", "/v1/licenses/validate", { key, ...(scope ? { scope } : {}) });

/** A fresh tenant per test that needs "one live license per component" room. */
let tenantCount = 0;
async function freshTenant() {
  tenantCount += 1;
  const id = `ten_lifecycle${tenantCount}`;
  await h.prisma.tenant.create({ data: { id, slug: `life-${tenantCount}`, name: `Lifecycle ${tenantCount}`, kind: "company" } });
  return id;
}

describe("creating a license", () => {
  it("creates with the tier's seats by default, stores the key only sealed, and never returns it", async () => {
    const tenantId = await freshTenant();
    const res = await post("/v1/licenses", { tenantId, componentId: cat.reports.id, tierId: cat.basic.id, startsAt: inDays(-1), endsAt: inDays(30) });
    expect(res.status).toBe(201);
    const license = res.body.license;
    expect(license).toMatchObject({ status: "active", seats: cat.basic.seats, scopes: [`${cat.reports.key}:read`], tenant: { id: tenantId }, component: { key: cat.reports.key } });
    expect(license.id).toMatch(/^lic_/);
    const row = await h.prisma.license.findUniqueOrThrow({ where: { id: license.id } });
    const key = await licenseKeyOf(h, license.id);
    expect(key).toMatch(/^tlk_/);
    expect(row.keyCiphertext).not.toContain(key);
    expect(row.keyDigest).not.toContain(key);
    expect(JSON.stringify(res.body)).not.toContain(key);
    expect(JSON.stringify(res.body)).not.toMatch(/keyCiphertext|keyDigest|tlk_/);
    const [created] = await recordedEvents(h, license.id);
    expect(created).toMatchObject({ action: "license.create", outcome: "success", tenantId, actor: { type: "user", id: admin.user.id } });
  });

  it("refuses more seats than the tier allows, an end in the past, unknown references, and a tier without the component", async () => {
    const tenantId = await freshTenant();
    const before = await licenseSnapshot(h);
    const base = { tenantId, componentId: cat.reports.id, tierId: cat.basic.id, startsAt: inDays(-1), endsAt: inDays(30) };
    const cases: [unknown, string][] = [
      [{ ...base, seats: cat.basic.seats + 1 }, "seats"],
      [{ ...base, endsAt: inDays(-0.5) }, "endsAt"],
      [{ ...base, startsAt: inDays(40) }, "endsAt"],
      [{ ...base, tenantId: "ten_nope" }, "tenantId"],
      [{ ...base, componentId: "cmp_nope" }, "componentId"],
      [{ ...base, tierId: "tier_nope" }, "tierId"],
      [{ ...base, componentId: cat.etl.id }, "tierId"], // basic grants no etl scope
    ];
    for (const [body, field] of cases) {
      const res = await post<Problem>("/v1/licenses", body);
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(Object.keys(res.body.fieldErrors ?? {})).toContain(field);
    }
    expect(await licenseSnapshot(h)).toBe(before);
  });

  it("allows one live license per tenant, component and holder (409 license-exists; the default holder is the whole tenant), and a new one once the old is revoked", async () => {
    const tenantId = await freshTenant();
    const first = await createLicenseViaApi(h, admin, { tenantId, componentId: cat.reports.id, tierId: cat.basic.id });
    const again = await post<Problem>("/v1/licenses", { tenantId, componentId: cat.reports.id, tierId: cat.pro.id, startsAt: inDays(0), endsAt: inDays(10) });
    expect(again.status).toBe(409);
    expect(again.body.reason).toBe("license-exists");
    // Another component of the same tenant is fine.
    await createLicenseViaApi(h, admin, { tenantId, componentId: cat.etl.id, tierId: cat.pro.id });
    expect((await post(`/v1/licenses/${first.id}/revoke`)).status).toBe(200);
    await createLicenseViaApi(h, admin, { tenantId, componentId: cat.reports.id, tierId: cat.basic.id });
  });

  it("lets only one of two simultaneous creates for the same tenant and component through", async () => {
    const tenantId = await freshTenant();
    const body = { tenantId, componentId: cat.reports.id, tierId: cat.basic.id, startsAt: inDays(-1), endsAt: inDays(30) };
    const results = await Promise.all([post("/v1/licenses", body), post("/v1/licenses", body), post("/v1/licenses", body)]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409]);
  });
});

describe("a license follows its tenant", () => {
  const tenantIn = async (state: "suspended" | "closing" | "closed") => {
    const id = await freshTenant();
    const data = { suspended: { suspendedAt: new Date() }, closing: { closingDispositionId: "dsp_underway" }, closed: { closingDispositionId: "dsp_done", closedAt: new Date() } }[state];
    await h.prisma.tenant.update({ where: { id }, data });
    return id;
  };
  const words = { suspended: "the tenant is suspended", closing: "the tenant is being closed", closed: "the tenant is closed" } as const;

  it("refuses creating a license for a tenant that is suspended, being closed or closed (409 tenant-not-active naming the state), changing nothing", async () => {
    for (const state of ["suspended", "closing", "closed"] as const) {
      const tenantId = await tenantIn(state);
      const before = await licenseSnapshot(h);
      const res = await post<Problem & { detail: string }>("/v1/licenses", { tenantId, componentId: cat.reports.id, tierId: cat.basic.id, startsAt: inDays(-1), endsAt: inDays(30) });
      expect([res.status, res.body.reason], state).toEqual([409, "tenant-not-active"]);
      expect(res.body.detail, state).toContain(`No license can be created for Lifecycle ${tenantCount}: ${words[state]}`);
      expect(await licenseSnapshot(h), state).toBe(before);
    }
  });

  it("refuses reinstating and renewing a license of a suspended tenant; suspending and revoking stay allowed", async () => {
    const tenantId = await freshTenant();
    const paused = await createLicenseViaApi(h, admin, { tenantId, componentId: cat.reports.id, tierId: cat.basic.id });
    const other = await createLicenseViaApi(h, admin, { tenantId, componentId: cat.etl.id, tierId: cat.pro.id });
    expect((await post(`/v1/tenants/${tenantId}/suspend`)).status).toBe(200);
    const before = await licenseSnapshot(h);
    for (const [action, body] of [["reinstate", undefined], ["renew", { endsAt: inDays(400) }]] as const) {
      const res = await post<Problem & { detail: string }>(`/v1/licenses/${paused.id}/${action}`, body);
      expect([res.status, res.body.reason], action).toEqual([409, "tenant-not-active"]);
      expect(res.body.detail, action).toMatch(/the tenant is suspended: reinstate the tenant first/);
    }
    expect(await licenseSnapshot(h)).toBe(before);
    expect((await post(`/v1/licenses/${other.id}/revoke`)).body.license.status).toBe("revoked");
    // The tenant's reinstatement brings back the one its suspension suspended.
    expect((await post(`/v1/tenants/${tenantId}/reinstate`)).status).toBe(200);
    expect((await get(`/v1/licenses/${paused.id}`)).body.license.status).toBe("active");
  });

  it("refuses reinstate and renew for a tenant being closed or closed, and still suspends and revokes there", async () => {
    for (const state of ["closing", "closed"] as const) {
      const tenantId = await freshTenant();
      const live = await createLicenseViaApi(h, admin, { tenantId, componentId: cat.reports.id, tierId: cat.basic.id });
      const paused = await insertLicenseRow(h, { tenantId, componentId: cat.etl.id, tierId: cat.pro.id, status: "suspended" });
      const over = await insertLicenseRow(h, { tenantId, componentId: cat.etl.id, tierId: cat.pro.id, status: "expired", endsAt: new Date(Date.now() - 1000), holder: { kind: "team", name: "old" } });
      await h.prisma.tenant.update({ where: { id: tenantId }, data: state === "closing" ? { closingDispositionId: "dsp_underway" } : { closingDispositionId: "dsp_done", closedAt: new Date() } });
      const before = await licenseSnapshot(h);
      for (const [id, action, body] of [[paused.id, "reinstate", undefined], [over.id, "renew", { endsAt: inDays(30) }], [live.id, "renew", { endsAt: inDays(400) }]] as const) {
        const res = await post<Problem & { detail: string }>(`/v1/licenses/${id}/${action}`, body);
        expect([res.status, res.body.reason], `${state} ${action}`).toEqual([409, "tenant-not-active"]);
        expect(res.body.detail).toContain(words[state]);
      }
      expect(await licenseSnapshot(h)).toBe(before);
      expect((await post(`/v1/licenses/${live.id}/suspend`)).body.license.status, state).toBe("suspended");
      expect((await post(`/v1/licenses/${paused.id}/revoke`)).body.license.status, state).toBe("revoked");
    }
  });
});

describe("lifecycle actions", () => {
  it("suspends, reinstates, renews, changes tier and revokes, auditing each with from/to", async () => {
    const tenantId = await freshTenant();
    const l = await createLicenseViaApi(h, admin, { tenantId, componentId: cat.reports.id, tierId: cat.pro.id, seats: 20, endsAt: inDays(30) });
    expect((await post(`/v1/licenses/${l.id}/suspend`)).body.license.status).toBe("suspended");
    expect((await post(`/v1/licenses/${l.id}/reinstate`)).body.license.status).toBe("active");
    const newEnd = inDays(400);
    const renewed = await post(`/v1/licenses/${l.id}/renew`, { endsAt: newEnd });
    expect(renewed.body.license).toMatchObject({ status: "active", endsAt: newEnd });
    const changed = await post(`/v1/licenses/${l.id}/change-tier`, { tierId: cat.basic.id });
    expect(changed.body.license).toMatchObject({ tier: { id: cat.basic.id }, seats: cat.basic.seats, scopes: [`${cat.reports.key}:read`] });
    expect((await post(`/v1/licenses/${l.id}/revoke`)).body.license.status).toBe("revoked");

    const events = (await recordedEvents(h, l.id)).map((e) => ({ action: e.action, from: e.data.from, to: e.data.to }));
    expect(events).toEqual([
      { action: "license.create", from: undefined, to: "active" },
      { action: "license.suspend", from: "active", to: "suspended" },
      { action: "license.reinstate", from: "suspended", to: "active" },
      { action: "license.renew", from: "active", to: "active" },
      { action: "license.change_tier", from: "active", to: "active" },
      { action: "license.revoke", from: "active", to: "revoked" },
    ]);
    const change = (await recordedEvents(h, l.id)).find((e) => e.action === "license.change_tier");
    expect(change?.data).toMatchObject({ fromTierId: cat.pro.id, toTierId: cat.basic.id, fromSeats: 20, toSeats: cat.basic.seats });
  });

  it("refuses every action on a revoked license with 409 license-revoked, changing nothing", async () => {
    const tenantId = await freshTenant();
    const l = await createLicenseViaApi(h, admin, { tenantId, componentId: cat.reports.id, tierId: cat.basic.id });
    await post(`/v1/licenses/${l.id}/revoke`);
    const before = await licenseSnapshot(h);
    const attempts: [string, unknown][] = [
      ["suspend", undefined],
      ["reinstate", undefined],
      ["revoke", undefined],
      ["renew", { endsAt: inDays(900) }],
      ["change-tier", { tierId: cat.pro.id }],
      ["change-tier", { tierId: "tier_nope" }],
    ];
    for (const [action, body] of attempts) {
      const res = await post<Problem>(`/v1/licenses/${l.id}/${action}`, body);
      expect(res.status, action).toBe(409);
      expect(res.body).toMatchObject({ code: "conflict", reason: "license-revoked" });
    }
    expect(await licenseSnapshot(h)).toBe(before);
  });

  it("refuses the other invalid transitions with a clear reason", async () => {
    const tenantId = await freshTenant();
    const l = await createLicenseViaApi(h, admin, { tenantId, componentId: cat.reports.id, tierId: cat.basic.id, endsAt: inDays(30) });
    const expect409 = async (path: string, reason: string, body?: unknown) => {
      const res = await post<Problem>(`/v1/licenses/${l.id}/${path}`, body);
      expect(res.status, path).toBe(409);
      expect(res.body.reason).toBe(reason);
    };
    await expect409("reinstate", "not-suspended");
    await expect409("change-tier", "same-tier", { tierId: cat.basic.id });
    await post(`/v1/licenses/${l.id}/suspend`);
    await expect409("suspend", "already-suspended");
    const shorter = await post<Problem>(`/v1/licenses/${l.id}/renew`, { endsAt: inDays(10) });
    expect(shorter.status).toBe(422);
    expect(shorter.body.fieldErrors?.endsAt).toBeDefined();
    const unknownTier = await post<Problem>(`/v1/licenses/${l.id}/change-tier`, { tierId: "tier_nope" });
    expect(unknownTier.status).toBe(422);
    // An expired license cannot be suspended; renew it instead.
    const old = await insertLicenseRow(h, { tenantId, componentId: cat.etl.id, tierId: cat.pro.id, endsAt: new Date(Date.now() - 1000) });
    const res = await post<Problem>(`/v1/licenses/${old.id}/suspend`);
    expect(res.status).toBe(409);
    expect(res.body.reason).toBe("license-expired");
  });

  it("answers 404 for an unknown license id on every action", async () => {
    for (const action of ["suspend", "reinstate", "revoke"]) expect((await post(`/v1/licenses/lic_doesnotexist/${action}`)).status).toBe(404);
    expect((await get("/v1/licenses/lic_doesnotexist")).status).toBe(404);
  });
});

describe("scopes follow the tier", () => {
  it("narrows at once on a tier change: validation with a scope the new tier lacks answers scope-not-granted", async () => {
    const tenantId = await freshTenant();
    const l = await createLicenseViaApi(h, admin, { tenantId, componentId: cat.reports.id, tierId: cat.pro.id });
    const key = await licenseKeyOf(h, l.id);
    const write = `${cat.reports.key}:write`;
    expect(await validate(key, write)).toMatchObject({ status: 200, body: { valid: true, scopes: [`${cat.reports.key}:read`, write] } });
    await post(`/v1/licenses/${l.id}/change-tier`, { tierId: cat.basic.id });
    expect((await validate(key, write)).body).toEqual({ valid: false, reason: "scope-not-granted" });
    expect((await validate(key, `${cat.reports.key}:read`)).body).toMatchObject({ valid: true, tier: "tbasic", scopes: [`${cat.reports.key}:read`] });
    // Scopes of another component are never granted by this license, even if the tier has them.
    expect((await validate(key, `${cat.etl.key}:run`)).body).toEqual({ valid: false, reason: "scope-not-granted" });
  });

  it("narrows at once when the tier itself loses a scope", async () => {
    const tenantId = await freshTenant();
    const tier = await h.prisma.serviceTier.create({
      data: { id: "tier_shrinking", key: "shrinking", name: "Shrinking", seats: 5, tokensPerLicense: 1, requestsPerMinute: 1, tokenDefaultTtlHours: 1, tokenMaxTtlHours: 1 },
    });
    const scopes = await h.prisma.scope.findMany({ where: { componentId: cat.reports.id } });
    await h.prisma.tierScope.createMany({ data: scopes.map((s) => ({ tierId: tier.id, scopeId: s.id })) });
    const l = await createLicenseViaApi(h, admin, { tenantId, componentId: cat.reports.id, tierId: tier.id });
    const key = await licenseKeyOf(h, l.id);
    const write = scopes.find((s) => s.key.endsWith(":write"));
    expect((await validate(key, write?.key)).body.valid).toBe(true);
    await h.prisma.tierScope.delete({ where: { tierId_scopeId: { tierId: tier.id, scopeId: write?.id ?? "" } } });
    expect((await validate(key, write?.key)).body).toEqual({ valid: false, reason: "scope-not-granted" });
    expect((await get(`/v1/licenses/${l.id}`)).body.license.scopes).toEqual([`${cat.reports.key}:read`]);
  });
});

describe("validation", () => {
  it("answers each reason, audits failures without the key, and writes nothing on success", async () => {
    const tenantId = await freshTenant();
    const ok = await insertLicenseRow(h, { tenantId, componentId: cat.reports.id, tierId: cat.basic.id });
    const before = await h.prisma.outboxEvent.count();
    expect((await validate(ok.key)).body).toMatchObject({ valid: true, licenseId: ok.id, tenantId, component: cat.reports.key, status: "active" });
    expect(await h.prisma.outboxEvent.count()).toBe(before);

    const t2 = await freshTenant();
    const rows = {
      suspended: await insertLicenseRow(h, { tenantId: t2, componentId: cat.reports.id, tierId: cat.basic.id, status: "suspended" }),
      revoked: await insertLicenseRow(h, { tenantId: t2, componentId: cat.reports.id, tierId: cat.basic.id, status: "revoked" }),
      expired: await insertLicenseRow(h, { tenantId: t2, componentId: cat.reports.id, tierId: cat.basic.id, endsAt: new Date(Date.now() - 1000) }),
      "not-yet-valid": await insertLicenseRow(h, { tenantId: t2, componentId: cat.etl.id, tierId: cat.pro.id, startsAt: new Date(Date.now() + 86_400_000) }),
    };
    for (const [reason, row] of Object.entries(rows)) expect((await validate(row.key)).body, reason).toEqual({ valid: false, reason });
    expect((await validate("tlk_not-a-real-key")).body).toEqual({ valid: false, reason: "unknown-key" });

    const failures = (await recordedEvents(h)).slice(before).filter((e) => e.action === "license.validate_failure");
    expect(failures.map((e) => e.data.reason).sort()).toEqual(["expired", "not-yet-valid", "revoked", "suspended", "unknown-key"]);
    expect(failures.every((e) => e.actor.type === "service" && e.actor.id === "reports-worker")).toBe(true);
    const text = JSON.stringify(await recordedEvents(h));
    for (const row of Object.values(rows)) expect(text).not.toContain(row.key);
  });

  it("writes one failure event per license and reason per window however many times it is asked", async () => {
    const tenantId = await freshTenant();
    const row = await insertLicenseRow(h, { tenantId, componentId: cat.reports.id, tierId: cat.basic.id, status: "suspended" });
    for (let i = 0; i < 20; i++) expect((await validate(row.key)).body).toEqual({ valid: false, reason: "suspended" });
    expect((await recordedEvents(h, row.id)).filter((e) => e.action === "license.validate_failure")).toHaveLength(1);
  });

  it("refuses malformed requests with 422 and the web tier with 403", async () => {
    const worker = await h.as("reports-worker");
    for (const body of [{}, { key: "" }, { key: 5 }, { key: "x".repeat(600) }, { key: "k", scope: "" }]) {
      expect((await worker.json("POST", "/v1/licenses/validate", body)).status).toBe(422);
    }
    expect((await (await web()).json("POST", "/v1/licenses/validate", { key: "k" })).status).toBe(403);
  });
});

describe("expiry", () => {
  it("reads an active license past its end as expired at once (get, list, validate), and the sweep records it", async () => {
    const tenantId = await freshTenant();
    const row = await insertLicenseRow(h, { tenantId, componentId: cat.reports.id, tierId: cat.basic.id, endsAt: new Date(clock.now().getTime() + 60_000) });
    expect((await validate(row.key)).body.valid).toBe(true);
    expect((await get(`/v1/licenses/${row.id}`)).body.license.status).toBe("active");
    await expireOverdueLicenses(h.ctx);
    expect((await h.prisma.license.findUniqueOrThrow({ where: { id: row.id } })).status, "not swept before its end").toBe("active");
    clock.advance(120_000); // a minute past its end
    expect((await get(`/v1/licenses/${row.id}`)).body.license.status).toBe("expired");
    const listed = await get<z.infer<typeof listLicensesResponse>>(`/v1/licenses?tenantId=${tenantId}&status=expired`);
    expect(listed.body.licenses.map((l) => l.id)).toEqual([row.id]);
    expect((await get<z.infer<typeof listLicensesResponse>>(`/v1/licenses?tenantId=${tenantId}&status=active`)).body.total).toBe(0);
    expect((await validate(row.key)).body).toEqual({ valid: false, reason: "expired" });

    expect(await expireOverdueLicenses(h.ctx)).toBeGreaterThanOrEqual(1);
    expect((await h.prisma.license.findUniqueOrThrow({ where: { id: row.id } })).status).toBe("expired");
    const expire = (await recordedEvents(h, row.id)).filter((e) => e.action === "license.expire");
    expect(expire).toHaveLength(1);
    expect(expire[0]).toMatchObject({ actor: { type: "service" }, data: { from: "active", to: "expired" } });
    expect(await expireOverdueLicenses(h.ctx)).toBe(0);
  });

  it("runs the sweep periodically once started, and stops cleanly", async () => {
    const tenantId = await freshTenant();
    const row = await insertLicenseRow(h, { tenantId, componentId: cat.reports.id, tierId: cat.basic.id, endsAt: new Date(Date.now() - 1000) });
    const logged: object[] = [];
    const sweep = startExpirySweep(h.ctx, { info: (d) => logged.push(d), error: (d) => logged.push(d) }, 50);
    try {
      await expect.poll(async () => (await h.prisma.license.findUniqueOrThrow({ where: { id: row.id } })).status, { timeout: 5000, interval: 50 }).toBe("expired");
    } finally {
      await sweep.stop();
    }
    expect(logged).toContainEqual({ expired: expect.any(Number) });
  });

  it("renews an expired license back to active; reinstating a suspended license past its end makes it expired", async () => {
    const tenantId = await freshTenant();
    const old = await insertLicenseRow(h, { tenantId, componentId: cat.reports.id, tierId: cat.basic.id, status: "expired", endsAt: new Date(Date.now() - 1000) });
    const renewed = await post(`/v1/licenses/${old.id}/renew`, { endsAt: inDays(30) });
    expect(renewed.body.license.status).toBe("active");
    expect((await validate(old.key)).body.valid).toBe(true);
    const paused = await insertLicenseRow(h, { tenantId, componentId: cat.etl.id, tierId: cat.pro.id, status: "suspended", endsAt: new Date(Date.now() - 1000) });
    expect((await post(`/v1/licenses/${paused.id}/reinstate`)).body.license.status).toBe("expired");
  });

  it("refuses a renewal that would give the tenant a second live license for the component", async () => {
    const tenantId = await freshTenant();
    const slug = (await h.prisma.tenant.findUniqueOrThrow({ where: { id: tenantId } })).slug;
    const old = await insertLicenseRow(h, { tenantId, componentId: cat.reports.id, tierId: cat.basic.id, status: "expired", endsAt: new Date(Date.now() - 1000), holder: tenantWideHolder(slug) });
    await createLicenseViaApi(h, admin, { tenantId, componentId: cat.reports.id, tierId: cat.basic.id });
    const res = await post<Problem>(`/v1/licenses/${old.id}/renew`, { endsAt: inDays(30) });
    expect(res.status).toBe(409);
    expect(res.body.reason).toBe("license-exists");
  });
});

describe("revealing the key", () => {
  it("shows the key to a tenant admin who re-enters the right password, and audits the reveal without the key", async () => {
    const l = await createLicenseViaApi(h, admin, { tenantId: acme.tenant.id, componentId: cat.reports.id, tierId: cat.basic.id });
    const res = await post<{ key: string }>(`/v1/licenses/${l.id}/reveal-key`, { password: fixturePassword }, acme.people.tenant_admin);
    expect(res.status).toBe(200);
    expect(res.body.key).toBe(await licenseKeyOf(h, l.id));
    expect((await validate(res.body.key)).body.valid).toBe(true);
    const reveal = (await recordedEvents(h, l.id)).filter((e) => e.action === "license.key_reveal");
    expect(reveal).toMatchObject([{ outcome: "success", actor: { id: acme.people.tenant_admin.user.id } }]);
    expect(JSON.stringify(await recordedEvents(h))).not.toContain(res.body.key);
  });

  it("refuses a wrong password with 401 reauth-failed (the session stays), audits it, and throttles repeated failures", async () => {
    const tenant = await createTenantWithPeople(h, { slug: "reveal-throttle" });
    const l = await createLicenseViaApi(h, admin, { tenantId: tenant.tenant.id, componentId: cat.reports.id, tierId: cat.basic.id });
    const who = tenant.people.tenant_admin;
    await giveSecondFactor(h, who);
    const wrong = await post<Problem>(`/v1/licenses/${l.id}/reveal-key`, { password: "not my password at all" }, who);
    expect(wrong.status).toBe(401);
    expect(wrong.body).toMatchObject({ code: "unauthenticated", reason: "reauth-failed", detail: wrongPasswordMessage, fieldErrors: { password: [wrongPasswordMessage] } });
    expect(JSON.stringify(wrong.body)).not.toContain("tlk_");
    expect((await get(`/v1/licenses/${l.id}`, who)).status).toBe(200); // still signed in
    for (let i = 0; i < 4; i++) await post(`/v1/licenses/${l.id}/reveal-key`, { password: "still wrong" }, who);
    const throttled = await post<Problem & { retryAfterSeconds?: number }>(`/v1/licenses/${l.id}/reveal-key`, { password: fixturePassword }, who);
    expect(throttled.status).toBe(429);
    expect(throttled.body.retryAfterSeconds).toBeGreaterThan(0);
    const failures = (await recordedEvents(h, l.id)).filter((e) => e.action === "license.key_reveal");
    expect(failures.every((e) => e.outcome === "failure")).toBe(true);
    expect(failures.map((e) => e.data.reason)).toContain("throttled");
  });
});

describe("the key stays secret", () => {
  it("never appears in list, get, action responses or any audit event", async () => {
    const tenantId = await freshTenant();
    const l = await createLicenseViaApi(h, admin, { tenantId, componentId: cat.reports.id, tierId: cat.pro.id });
    const key = await licenseKeyOf(h, l.id);
    const bodies = [
      (await get(`/v1/licenses/${l.id}`)).body,
      (await get(`/v1/licenses?tenantId=${tenantId}`)).body,
      (await post(`/v1/licenses/${l.id}/suspend`)).body,
      (await post(`/v1/licenses/${l.id}/reinstate`)).body,
    ];
    await validate(key, "nope:nope");
    for (const body of bodies) {
      expect(JSON.stringify(body)).not.toContain(key);
      expect(JSON.stringify(body)).not.toMatch(/keyCiphertext|keyDigest/);
    }
    expect(JSON.stringify(await recordedEvents(h))).not.toContain(key);
    const row = await h.prisma.license.findUniqueOrThrow({ where: { id: l.id } });
    expect(JSON.stringify(await recordedEvents(h))).not.toContain(row.keyDigest);
  });
});
