// Tier edits and license tier changes follow the rules of creation: an edit that would leave an active
// license with no scope of its component, more seats than the tier allows or a token pool above its cap
// is refused (409 tier-change-blocked, naming the licenses) and changes nothing, and its preview lists
// those licenses as blocking; suspended and revoked licenses do not block. A license's change of tier is
// refused when the new tier would leave it no scope, fewer seats than it has in use, or too many live tokens,
// and its preview (GET /v1/licenses/:id/tier-change-preview) answers the same, saving nothing. Reinstating a
// suspended license holds it to its tier as it is now: a tier edited, or a move made, while it was
// suspended can block it (409 reinstate-blocked); otherwise seats above the tier's are cut to it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TierPreviewResponse } from "../../contracts/catalogue-api";
import type { TierChangePreview } from "../../contracts/license-api";
import { newId } from "../../services/access/domain/secrets/ids";
import { createLicenseCatalogue, insertLicenseRow, recordedEvents, type LicenseCatalogue } from "../support/license-fixtures";
import { changeEventCount } from "../support/refusal-fixtures";
import { startAccessService, type AccessHarness } from "../support/start-access-service";
import { authorization, createPlatformAdmin, createTenantWithPeople, type SignedInPerson, type TenantWithPeople } from "../support/tenant-fixtures";
import { createTokenViaApi } from "../support/token-fixtures";

let h: AccessHarness;
let admin: SignedInPerson;
let cat: LicenseCatalogue;
let acme: TenantWithPeople;
let reportsLicense: string;
let etlLicense: string;

type Problem = { reason?: string; detail?: string; fieldErrors?: Record<string, string[]> };

beforeAll(async () => {
  h = await startAccessService("tier-license-rules");
  admin = await createPlatformAdmin(h);
  cat = await createLicenseCatalogue(h, "tlr");
  acme = await createTenantWithPeople(h, { slug: "tlr-acme", name: "Acme Reporting" });
  const beta = await createTenantWithPeople(h, { slug: "tlr-beta", name: "Beta Pipelines" });
  reportsLicense = (await insertLicenseRow(h, { tenantId: acme.tenant.id, componentId: cat.reports.id, tierId: cat.pro.id, seats: 20 })).id;
  etlLicense = (await insertLicenseRow(h, { tenantId: beta.tenant.id, componentId: cat.etl.id, tierId: cat.pro.id, seats: 5 })).id;
  for (let i = 0; i < 3; i++) await createTokenViaApi(h, acme.people.tenant_admin, reportsLicense, { scopes: ["tlrreports:read"] });
  // Neither a suspended nor a revoked license holds the tier back.
  const gamma = await createTenantWithPeople(h, { slug: "tlr-gamma" });
  await insertLicenseRow(h, { tenantId: gamma.tenant.id, componentId: cat.etl.id, tierId: cat.pro.id, seats: 40, status: "suspended" });
  await insertLicenseRow(h, { tenantId: gamma.tenant.id, componentId: cat.reports.id, tierId: cat.pro.id, seats: 40, status: "revoked" });
});
afterAll(async () => h?.close());

const web = () => h.as("web");
const preview = async (body: Record<string, unknown>) => (await (await web()).json<TierPreviewResponse>("POST", `/v1/tiers/${cat.pro.id}/preview`, body, authorization(admin))).body;
const save = async (body: Record<string, unknown>) => (await web()).json<Problem>("PATCH", `/v1/tiers/${cat.pro.id}`, body, authorization(admin));
const tierRow = () => h.prisma.serviceTier.findUniqueOrThrow({ where: { id: cat.pro.id }, include: { scopes: true } });

describe("editing a tier", () => {
  it("refuses an edit that would leave an active license with no scope, and the preview names it as blocking", async () => {
    const body = { scopes: ["tlrreports:read", "tlrreports:write"] }; // etl:run goes: Beta's etl license keeps nothing
    const shown = await preview(body);
    expect(shown.licenses.blockingCount).toBe(1);
    expect(shown.licenses.blocking).toEqual([expect.objectContaining({ licenseId: etlLicense, tenantName: "Beta Pipelines", componentKey: "tlretl", reasons: ["no-scopes"] })]);
    const before = [JSON.stringify(await tierRow()), await changeEventCount(h)];
    const refused = await save(body);
    expect([refused.status, refused.body.reason]).toEqual([409, "tier-change-blocked"]);
    expect(refused.body.detail).toContain(`Beta Pipelines's tlretl (${etlLicense}): no scope left`);
    expect([JSON.stringify(await tierRow()), await changeEventCount(h)]).toEqual(before);
  });

  it("refuses fewer seats than an active license has, and fewer tokens than its fullest pool holds", async () => {
    const seats = await preview({ seats: 10 });
    expect(seats.licenses.blocking).toEqual([expect.objectContaining({ licenseId: reportsLicense, reasons: ["over-seats"], seats: 20 })]);
    const refusedSeats = await save({ seats: 10 });
    expect([refusedSeats.status, refusedSeats.body.reason]).toEqual([409, "tier-change-blocked"]);
    expect(refusedSeats.body.detail).toContain("20 seats of the tier's 10");
    const tokens = await preview({ tokensPerLicense: 2 });
    expect(tokens.licenses.blocking).toEqual([expect.objectContaining({ licenseId: reportsLicense, reasons: ["over-tokens"], liveTokens: 3 })]);
    expect((await save({ tokensPerLicense: 2 })).status).toBe(409);
    const both = await preview({ seats: 10, tokensPerLicense: 2 });
    expect(both.licenses.blocking[0]?.reasons).toEqual(["over-seats", "over-tokens"]);
    expect((await tierRow()).seats).toBe(50);
    expect((await tierRow()).tokensPerLicense).toBe(10);
  });

  it("saves an edit that every active license still fits (suspended and revoked licenses above it do not block)", async () => {
    const fits = await preview({ seats: 20, tokensPerLicense: 3 });
    expect(fits.licenses.blockingCount).toBe(0);
    const saved = await save({ seats: 20, tokensPerLicense: 3, heartbeatWindowMinutes: 15 });
    expect(saved.status).toBe(200);
    const row = await tierRow();
    expect([row.seats, row.tokensPerLicense, row.heartbeatWindowMinutes]).toEqual([20, 3, 15]);
    await save({ seats: 50, tokensPerLicense: 10, heartbeatWindowMinutes: 60 });
  });
});

describe("changing a license's tier", () => {
  const changeTier = async (licenseId: string, tierId: string) => (await web()).json<Problem & { license?: { seats: number } }>("POST", `/v1/licenses/${licenseId}/change-tier`, { tierId }, authorization(admin));

  it("refuses a tier that grants the license's component no scope", async () => {
    const etlOnly = newId("tier");
    const run = await h.prisma.scope.findFirstOrThrow({ where: { key: "tlretl:run" } });
    await h.prisma.serviceTier.create({ data: { id: etlOnly, key: "tlr-etl-only", name: "ETL only", seats: 50, tokensPerLicense: 10, requestsPerMinute: 60, tokenDefaultTtlHours: 24, tokenMaxTtlHours: 720, scopes: { create: [{ scopeId: run.id }] } } });
    const refused = await changeTier(reportsLicense, etlOnly);
    expect([refused.status, refused.body.reason]).toEqual([409, "tier-change-blocked"]);
    expect(refused.body.detail).toMatch(/Moving this license to ETL only would leave it breaking the tier's rules: .*no scope left/);
    expect((await h.prisma.license.findUniqueOrThrow({ where: { id: reportsLicense } })).tierId).toBe(cat.pro.id);
  });

  it("refuses a tier with fewer seats than are in use, or fewer tokens than are live; lowers unused seats otherwise", async () => {
    const beta = await createTenantWithPeople(h, { slug: "tlr-seats" });
    const { id, key } = await insertLicenseRow(h, { tenantId: beta.tenant.id, componentId: cat.reports.id, tierId: cat.pro.id, seats: 8 });
    const component = await h.as("reports-worker");
    for (let i = 0; i < 6; i++) expect((await component.json("POST", "/v1/activations", { key, fingerprint: `seat-${i}` })).status).toBe(201);
    const overSeats = await changeTier(id, cat.basic.id); // basic: 5 seats
    expect([overSeats.status, overSeats.body.reason]).toEqual([409, "tier-change-blocked"]);
    expect(overSeats.body.detail).toContain("6 seats of the tier's 5");
    expect(await component.json("POST", "/v1/activations/release", { key, fingerprint: "seat-0" })).toMatchObject({ status: 200 });
    const moved = await changeTier(id, cat.basic.id);
    expect([moved.status, moved.body.license?.seats]).toEqual([200, 5]);

    const tight = newId("tier");
    const read = await h.prisma.scope.findFirstOrThrow({ where: { key: "tlrreports:read" } });
    await h.prisma.serviceTier.create({ data: { id: tight, key: "tlr-tight", name: "Tight", seats: 50, tokensPerLicense: 2, requestsPerMinute: 60, tokenDefaultTtlHours: 24, tokenMaxTtlHours: 720, scopes: { create: [{ scopeId: read.id }] } } });
    const overTokens = await changeTier(reportsLicense, tight);
    expect([overTokens.status, overTokens.body.reason]).toEqual([409, "tier-change-blocked"]);
    expect(overTokens.body.detail).toContain("3 live tokens of the tier's 2");
  });
});

/** A tier of its own for a test: reports:read only (or the scopes named), these seats and tokens. */
async function tierOf(name: string, seats: number, tokensPerLicense: number, scopeKeys = ["tlrreports:read"]) {
  const id = newId("tier");
  const scopes = await h.prisma.scope.findMany({ where: { key: { in: scopeKeys } } });
  await h.prisma.serviceTier.create({ data: { id, key: `tlr-${name.toLowerCase().replace(/\W+/g, "-")}`, name, seats, tokensPerLicense, requestsPerMinute: 60, tokenDefaultTtlHours: 24, tokenMaxTtlHours: 720, scopes: { create: scopes.map((s) => ({ scopeId: s.id })) } } });
  return id;
}
const act = async (licenseId: string, action: string, body?: unknown) => (await web()).json<Problem & { license?: { status: string; seats: number; tier: { id: string } } }>("POST", `/v1/licenses/${licenseId}/${action}`, body, authorization(admin));
const licenseRow = (id: string) => h.prisma.license.findUniqueOrThrow({ where: { id } });

describe("reinstating a license its tier changed under", () => {
  it("refuses a reinstatement that a tier edit made while the license was suspended would leave over the tier's tokens; cuts its seats to the tier's once it fits", async () => {
    const tenant = await createTenantWithPeople(h, { slug: "tlr-paused", name: "Paused Co" });
    const flex = await tierOf("Flex", 10, 5);
    const { id } = await insertLicenseRow(h, { tenantId: tenant.tenant.id, componentId: cat.reports.id, tierId: flex, seats: 8 });
    for (let i = 0; i < 3; i++) await createTokenViaApi(h, tenant.people.tenant_admin, id, { scopes: ["tlrreports:read"] });
    expect((await act(id, "suspend")).body.license?.status).toBe("suspended");
    // A suspended license does not hold the edit back...
    const edited = await (await web()).json<Problem>("PATCH", `/v1/tiers/${flex}`, { seats: 6, tokensPerLicense: 2 }, authorization(admin));
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    // ...so it is held to it when it comes back.
    const before = [JSON.stringify(await licenseRow(id)), await changeEventCount(h)];
    const refused = await act(id, "reinstate");
    expect([refused.status, refused.body.reason]).toEqual([409, "reinstate-blocked"]);
    expect(refused.body.detail).toContain("Reinstating this license would leave it breaking the rules of its tier Flex, which changed while it was suspended");
    expect(refused.body.detail).toContain(`Paused Co's tlrreports (${id}): 3 live tokens of the tier's 2`);
    expect([JSON.stringify(await licenseRow(id)), await changeEventCount(h)]).toEqual(before);

    expect((await (await web()).json("PATCH", `/v1/tiers/${flex}`, { tokensPerLicense: 5 }, authorization(admin))).status).toBe(200);
    const back = await act(id, "reinstate");
    expect([back.status, back.body.license?.status, back.body.license?.seats]).toEqual([200, "active", 6]);
    const event = (await recordedEvents(h, id)).at(-1);
    expect(event).toMatchObject({ action: "license.reinstate", outcome: "success", data: { from: "suspended", to: "active", fromSeats: 8, toSeats: 6 } });
  });

  it("refuses reinstating a license moved while suspended to a tier that grants its component no scope, and one with more seats in use than its tier now allows", async () => {
    const tenant = await createTenantWithPeople(h, { slug: "tlr-moved", name: "Moved Co" });
    const etlOnly = await tierOf("TLR ETL only", 50, 10, ["tlretl:run"]);
    const { id } = await insertLicenseRow(h, { tenantId: tenant.tenant.id, componentId: cat.reports.id, tierId: cat.pro.id, seats: 5 });
    await act(id, "suspend");
    const shown = (await (await web()).json<TierChangePreview>("GET", `/v1/licenses/${id}/tier-change-preview?tierId=${etlOnly}`, undefined, authorization(admin))).body;
    expect(shown).toMatchObject({ allowed: true, rulesApplyOnReinstate: true, scopesLost: ["tlrreports:read", "tlrreports:write"] });
    expect((await act(id, "change-tier", { tierId: etlOnly })).status).toBe(200);
    const refused = await act(id, "reinstate");
    expect([refused.status, refused.body.reason]).toEqual([409, "reinstate-blocked"]);
    expect(refused.body.detail).toMatch(/rules of its tier TLR ETL only, .*: no scope left/);
    expect((await licenseRow(id)).status).toBe("suspended");

    // Seats in use: six activations, then the tier is cut to five while the license is suspended.
    const seatsTier = await tierOf("TLR Eight", 8, 10, ["tlretl:run"]);
    const seated = await insertLicenseRow(h, { tenantId: tenant.tenant.id, componentId: cat.etl.id, tierId: seatsTier, seats: 8 });
    const worker = await h.as("reports-worker");
    for (let i = 0; i < 6; i++) expect((await worker.json("POST", "/v1/activations", { key: seated.key, fingerprint: `seat-${i}` })).status).toBe(201);
    await act(seated.id, "suspend");
    expect((await (await web()).json("PATCH", `/v1/tiers/${seatsTier}`, { seats: 5 }, authorization(admin))).status).toBe(200);
    const overSeats = await act(seated.id, "reinstate");
    expect([overSeats.status, overSeats.body.reason]).toEqual([409, "reinstate-blocked"]);
    expect(overSeats.body.detail).toContain("6 seats of the tier's 5");
  });
});

describe("previewing a change of tier", () => {
  const previewOf = async (licenseId: string, query: string, who: SignedInPerson = admin) =>
    (await web()).json<TierChangePreview & Problem & { code?: string }>("GET", `/v1/licenses/${licenseId}/tier-change-preview${query}`, undefined, authorization(who));

  it("answers a blocked change with what breaks and the very sentence change-tier refuses with, saving nothing", async () => {
    const tight = await tierOf("TLR Two tokens", 50, 2);
    const before = [JSON.stringify(await licenseRow(reportsLicense)), await changeEventCount(h)];
    const res = await previewOf(reportsLicense, `?tierId=${tight}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ allowed: false, tier: { id: tight, name: "TLR Two tokens", tokensPerLicense: 2 }, breaches: [{ reason: "over-tokens", text: "3 live tokens of the tier's 2" }], scopesLost: ["tlrreports:write"], rulesApplyOnReinstate: false });
    expect([JSON.stringify(await licenseRow(reportsLicense)), await changeEventCount(h)]).toEqual(before);
    const refused = await act(reportsLicense, "change-tier", { tierId: tight });
    expect([refused.status, refused.body.reason, refused.body.detail]).toEqual([409, "tier-change-blocked", res.body.detail]);
  });

  it("answers an allowed change with the seats it lowers and the scopes lost and gained", async () => {
    const res = await previewOf(reportsLicense, `?tierId=${cat.basic.id}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ allowed: true, breaches: [], detail: null, seats: { from: 20, to: 5 }, scopesLost: ["tlrreports:write"], scopesGained: [] });
    expect((await licenseRow(reportsLicense)).tierId).toBe(cat.pro.id);
  });

  it("refuses the wrong role and another tenant's people before reading anything, a malformed or unknown id, an unknown or missing tier, its own tier and a revoked license", async () => {
    const beta = await createTenantWithPeople(h, { slug: "tlr-preview-other" });
    const query = `?tierId=${cat.basic.id}`;
    // Only platform administrators may change tiers: a tenant's own people, and another tenant's, are refused alike.
    for (const who of [acme.people.tenant_admin, acme.people.tenant_member, acme.people.district_reviewer, beta.people.tenant_admin]) {
      const res = await previewOf(reportsLicense, query, who);
      expect([res.status, res.body.reason]).toEqual([403, "permission-missing"]);
    }
    expect((await previewOf("lic_doesnotexist", query)).status).toBe(404);
    expect((await previewOf("not-an-id", query)).status).toBe(404);
    const unknown = await previewOf(reportsLicense, "?tierId=tier_nope");
    expect([unknown.status, unknown.body.fieldErrors?.tierId]).toEqual([422, ["No such tier."]]);
    expect((await previewOf(reportsLicense, "")).status).toBe(422);
    expect((await previewOf(reportsLicense, "?tierId=not%20an%20id")).status).toBe(422);
    const same = await previewOf(reportsLicense, `?tierId=${cat.pro.id}`);
    expect([same.status, same.body.reason]).toEqual([409, "same-tier"]);
    const gone = await insertLicenseRow(h, { tenantId: beta.tenant.id, componentId: cat.reports.id, tierId: cat.pro.id, status: "revoked" });
    const revoked = await previewOf(gone.id, query);
    expect([revoked.status, revoked.body.reason]).toEqual([409, "license-revoked"]);
  });
});
