// Tier edits and license tier changes follow the rules of creation: an edit that would leave an active
// license with no scope of its component, more seats than the tier allows or a token pool above its cap
// is refused (409 tier-change-blocked, naming the licenses) and changes nothing, and its preview lists
// those licenses as blocking; suspended and revoked licenses do not block. A license's change of tier is
// refused when the new tier would leave it no scope, fewer seats than it has in use, or too many live tokens.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TierPreviewResponse } from "../../contracts/catalogue-api";
import { newId } from "../../services/access/domain/secrets/ids";
import { createLicenseCatalogue, insertLicenseRow, type LicenseCatalogue } from "../support/license-fixtures";
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

type Problem = { reason?: string; detail?: string };

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
