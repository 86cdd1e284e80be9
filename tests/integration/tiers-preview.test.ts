// Previewing a tier edit shows exactly what would change and for which licenses, saves nothing; saving
// the same edit then narrows the licenses' scopes at once (they are derived from the tier when used).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TierDto, TierPreviewResponse, UpdateTierResponse } from "../../contracts/catalogue-api";
import type { Problem } from "../../contracts/problem";
import { ensureDefaultCatalogue } from "../../services/access/domain/catalogue/ensure-default-catalogue";
import { licenseScopeKeys, tierScopeKeys, tierScopesInclude } from "../../services/access/domain/tiers/tier-scope-keys";
import { catalogueSnapshot, insertLicense } from "../support/catalogue-fixtures";
import { startAccessService, type AccessHarness } from "../support/start-access-service";
import { authorization, createPlatformAdmin, createTenantWithPeople, type SignedInPerson } from "../support/tenant-fixtures";

let h: AccessHarness;
let web: Awaited<ReturnType<AccessHarness["as"]>>;
let admin: SignedInPerson;
let tier: TierDto;
const lic: Record<string, string> = {};

const edit = { scopes: ["reports:read", "etl:read", "storage:read", "analytics:read"], seats: 50 };

beforeAll(async () => {
  h = await startAccessService("tiers-preview");
  web = await h.as("web");
  await ensureDefaultCatalogue(h.ctx);
  admin = await createPlatformAdmin(h);
  const acme = (await createTenantWithPeople(h, { slug: "acme", name: "Acme" })).tenant;
  const globex = (await createTenantWithPeople(h, { slug: "globex", name: "Globex" })).tenant;
  const created = await web.json<{ tier: TierDto }>(
    "POST",
    "/v1/tiers",
    { key: "edu", name: "Education", seats: 30, tokensPerLicense: 5, requestsPerMinute: 100, tokenDefaultTtlHours: 24, tokenMaxTtlHours: 48, scopes: ["reports:read", "reports:write", "etl:read", "storage:read"] },
    authorization(admin),
  );
  tier = created.body.tier;
  const add = async (name: string, tenantId: string, componentKey: string, status?: "active" | "suspended" | "expired" | "revoked") =>
    (lic[name] = (await insertLicense(h, { tenantId, componentKey, tierId: tier.id, status })).id);
  await add("acmeReports", acme.id, "reports");
  await add("acmeReportsRevoked", acme.id, "reports", "revoked");
  await add("acmeEtl", acme.id, "etl", "suspended");
  await add("acmeStorage", acme.id, "storage");
  await add("globexReportsExpired", globex.id, "reports", "expired");
  await add("globexAnalytics", globex.id, "analytics");
  // a license on another tier is nobody's concern here
  const enterprise = await h.prisma.serviceTier.findUniqueOrThrow({ where: { key: "enterprise" } });
  await insertLicense(h, { tenantId: acme.id, componentKey: "reports", tierId: enterprise.id });
});
afterAll(async () => h?.close());

describe("POST /v1/tiers/:id/preview", () => {
  it("reports exactly the scopes removed and added, the quota changes and the licenses affected; saves nothing", async () => {
    const before = await catalogueSnapshot(h);
    const res = await web.json<TierPreviewResponse>("POST", `/v1/tiers/${tier.id}/preview`, edit, authorization(admin));
    expect(res.status).toBe(200);
    expect(res.body.changes).toEqual({
      scopesAdded: ["analytics:read"],
      scopesRemoved: ["reports:write"],
      quotaChanges: [{ field: "seats", from: 30, to: 50 }],
      fieldsChanged: [],
    });
    expect(res.body.licenses.onTier).toBe(5); // the revoked one carries nothing
    expect(res.body.licenses.affectedCount).toBe(3);
    // by tenant name, then id; each with the scopes it gains or loses
    const acmeFirst = res.body.licenses.affected.slice(0, 1);
    expect(acmeFirst).toEqual([
      { licenseId: lic.acmeReports, tenantId: expect.any(String), tenantName: "Acme", componentKey: "reports", status: "active", scopesAdded: [], scopesRemoved: ["reports:write"] },
    ]);
    const globex = res.body.licenses.affected.slice(1).sort((a, b) => a.componentKey.localeCompare(b.componentKey));
    expect(globex.map((l) => [l.licenseId, l.tenantName, l.componentKey, l.status, l.scopesAdded, l.scopesRemoved])).toEqual([
      [lic.globexAnalytics, "Globex", "analytics", "active", ["analytics:read"], []],
      [lic.globexReportsExpired, "Globex", "reports", "expired", [], ["reports:write"]],
    ]);
    expect(res.body.tier).toMatchObject({ id: tier.id, seats: 30, licenseCount: 6 });
    expect(await catalogueSnapshot(h)).toBe(before);
  });

  it("lists no licenses when only quotas change, but counts those they reach", async () => {
    const res = await web.json<TierPreviewResponse>("POST", `/v1/tiers/${tier.id}/preview`, { requestsPerMinute: 10 }, authorization(admin));
    expect(res.body.changes.quotaChanges).toEqual([{ field: "requestsPerMinute", from: 100, to: 10 }]);
    expect(res.body.licenses).toEqual({ onTier: 5, affectedCount: 0, affected: [], blockingCount: 0, blocking: [] });
  });

  it("lists at most 50 affected licenses but counts them all", async () => {
    const tenant = (await createTenantWithPeople(h, { slug: "zeta", name: "Zeta" })).tenant;
    const extra: string[] = [];
    for (let i = 0; i < 55; i++) extra.push((await insertLicense(h, { tenantId: tenant.id, componentKey: "reports", tierId: tier.id })).id);
    const res = await web.json<TierPreviewResponse>("POST", `/v1/tiers/${tier.id}/preview`, edit, authorization(admin));
    expect(res.body.licenses.affectedCount).toBe(58);
    expect(res.body.licenses.affected).toHaveLength(50);
    expect(res.body.licenses.affected.slice(0, 3).map((l) => l.tenantName)).toEqual(["Acme", "Globex", "Globex"]);
    await h.prisma.license.deleteMany({ where: { id: { in: extra } } });
  });

  it("refuses a stale editor copy (409), unknown scopes (422) and an unknown tier (404)", async () => {
    const stale = await web.json<Problem>("POST", `/v1/tiers/${tier.id}/preview`, { ...edit, expectedUpdatedAt: "2020-01-01T00:00:00.000Z" }, authorization(admin));
    expect([stale.status, stale.body.reason]).toEqual([409, "tier-changed"]);
    const unknown = await web.json<Problem>("POST", `/v1/tiers/${tier.id}/preview`, { scopes: ["reports:fly"] }, authorization(admin));
    expect([unknown.status, unknown.body.fieldErrors?.scopes?.[0]]).toEqual([422, expect.stringContaining("reports:fly")]);
    expect((await web.json("POST", "/v1/tiers/tier_unknown/preview", edit, authorization(admin))).status).toBe(404);
  });
});

describe("saving the previewed edit", () => {
  it("narrows the scopes of every license on the tier at once, as the preview said", async () => {
    const scopesOf = async (licenseId: string) => {
      const license = await h.prisma.license.findUniqueOrThrow({ where: { id: licenseId }, include: { component: true, tier: { include: tierScopesInclude } } });
      return licenseScopeKeys(tierScopeKeys(license.tier), license.component.key);
    };
    expect(await scopesOf(lic.acmeReports)).toEqual(["reports:read", "reports:write"]);
    expect(await scopesOf(lic.globexAnalytics)).toEqual([]);

    const saved = await web.json<UpdateTierResponse>("PATCH", `/v1/tiers/${tier.id}`, { ...edit, expectedUpdatedAt: tier.updatedAt }, authorization(admin));
    expect(saved.status).toBe(200);
    expect(saved.body.changes).toMatchObject({ scopesAdded: ["analytics:read"], scopesRemoved: ["reports:write"] });
    expect(await scopesOf(lic.acmeReports)).toEqual(["reports:read"]);
    expect(await scopesOf(lic.globexReportsExpired)).toEqual(["reports:read"]);
    expect(await scopesOf(lic.globexAnalytics)).toEqual(["analytics:read"]);
    expect(await scopesOf(lic.acmeEtl)).toEqual(["etl:read"]);
  });
});
