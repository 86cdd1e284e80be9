// The dashboard's figures, counted against a real PostgreSQL: licenses by effective status (an active one past
// its end counts as expired), those ending within 30 days, tokens live and revoked this week, validations over
// the week in two series — license validations (driven through POST /v1/licenses/validate, counted and
// flushed as in production) and token introspections. Each person sees only what they may: their tenant's, everything for a platform administrator, nothing
// for a district reviewer (403) or without a session (401).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DashboardResponse } from "../../contracts/dashboard-api";
import { hourOf } from "../../services/access/domain/tokens/usage-buckets";
import { insertLicenseRow } from "../support/license-fixtures";
import { validatorFor } from "../support/validation-cache-fixtures";
import { authorization, type SignedInPerson } from "../support/tenant-fixtures";
import { createTokenViaApi, createTokenWorld, type TokenWorld } from "../support/token-fixtures";
import { startAccessService, type AccessHarness } from "../support/start-access-service";

let h: AccessHarness;
let w: TokenWorld;
const day = 86_400_000;

beforeAll(async () => {
  h = await startAccessService("dashboard");
  w = await createTokenWorld(h, "d");
  const acme = w.acme.tenant.id;
  const at = (days: number) => new Date(Date.now() + days * day);
  // acme: the world's active license (a year left) and five more; other: its one license.
  const ending = await insertLicenseRow(h, { tenantId: acme, componentId: w.cat.etl.id, tierId: w.cat.pro.id, endsAt: at(10) });
  const suspended = await insertLicenseRow(h, { tenantId: acme, componentId: w.cat.etl.id, tierId: w.cat.pro.id, status: "suspended", endsAt: at(5) });
  await insertLicenseRow(h, { tenantId: acme, componentId: w.cat.etl.id, tierId: w.cat.pro.id, status: "revoked" });
  await insertLicenseRow(h, { tenantId: acme, componentId: w.cat.etl.id, tierId: w.cat.pro.id, status: "expired", endsAt: at(-20) });
  await insertLicenseRow(h, { tenantId: acme, componentId: w.cat.etl.id, tierId: w.cat.pro.id, endsAt: at(-1) }); // active, past its end
  const scope = `${w.cat.reports.key}:read`;
  const kept = await createTokenViaApi(h, w.admin, w.licenseId, { scopes: [scope] });
  const revoked = await createTokenViaApi(h, w.admin, w.licenseId, { scopes: [scope] });
  const long = await createTokenViaApi(h, w.admin, w.licenseId, { scopes: [scope] });
  await h.prisma.token.update({ where: { id: revoked.token.id }, data: { revokedAt: new Date() } });
  await h.prisma.token.update({ where: { id: long.token.id }, data: { revokedAt: at(-10) } }); // not this week
  await createTokenViaApi(h, w.admin, w.otherLicenseId, { scopes: [scope] });
  const bucket = new Date(hourOf(Date.now()));
  await h.prisma.tokenUsage.create({ data: { tokenId: kept.token.id, licenseId: w.licenseId, tenantId: acme, bucket, uses: 7, refusals: 2 } });
  await h.prisma.tokenUsage.create({ data: { tokenId: kept.token.id, licenseId: w.licenseId, tenantId: acme, bucket: new Date(+bucket - 3 * day), uses: 4, refusals: 0 } });
  await h.prisma.tokenUsage.create({ data: { tokenId: "tok_elsewhere", licenseId: w.otherLicenseId, tenantId: w.other.tenant.id, bucket, uses: 100, refusals: 0 } });
  // License validations as a component asks them: three valid, one refused (suspended), and an unknown key
  // that names no license and is not counted; then what the process counted in memory is written.
  const validate = await validatorFor(h);
  for (let i = 0; i < 3; i++) expect((await validate(ending.key)).valid).toBe(true);
  expect(await validate(suspended.key)).toMatchObject({ valid: false, reason: "suspended" });
  expect(await validate(`tlk_${"A".repeat(43)}`)).toMatchObject({ valid: false, reason: "unknown-key" });
  await h.ctx.licenseValidations!.flush();
  // Another tenant's validations, one of them 3 days ago.
  await h.prisma.licenseValidationCount.create({ data: { licenseId: w.otherLicenseId, tenantId: w.other.tenant.id, bucket, valid: 40, refused: 1 } });
  await h.prisma.licenseValidationCount.create({ data: { licenseId: w.otherLicenseId, tenantId: w.other.tenant.id, bucket: new Date(+bucket - 3 * day), valid: 2, refused: 0 } });
  // A week and more ago: outside the chart.
  await h.prisma.licenseValidationCount.create({ data: { licenseId: ending.id, tenantId: acme, bucket: new Date(+bucket - 8 * day), valid: 500, refused: 0 } });
});
afterAll(async () => h?.close());

const dashboard = async (p?: SignedInPerson) => (await h.as("web")).json<DashboardResponse & { code?: string; reason?: string }>("GET", "/v1/dashboard", undefined, p ? authorization(p) : undefined);

describe("the dashboard's figures", () => {
  it("counts a tenant's licenses by effective status, the ones ending within 30 days, its tokens and validations", async () => {
    const res = await dashboard(w.acme.people.tenant_member);
    expect(res.status).toBe(200);
    expect(res.body.licenses.byStatus).toEqual({ active: 2, suspended: 1, expired: 2, revoked: 1 });
    // Only active licenses with time left: the suspended one ending in 5 days and the overdue one are not "ending".
    expect(res.body.licenses.expiringSoon.count).toBe(1);
    expect(res.body.licenses.expiringSoon.soonest).toEqual([expect.objectContaining({ component: "DETL", tenant: w.acme.tenant.name })]);
    expect(res.body.tokens).toMatchObject({ live: 1, revokedThisWeek: 1 });
    const { buckets, bucketHours } = res.body.tokens!.introspections;
    expect(buckets.length * bucketHours).toBe(7 * 24);
    expect(res.body.tokens!.introspections.totals).toEqual({ uses: 11, refusals: 2 });
    // License validations, the second series, on the same axis: valid and refused, the unknown key not counted.
    const validations = res.body.licenses.validations;
    expect(validations.buckets.map((b) => b.start)).toEqual(buckets.map((b) => b.start));
    expect(validations.totals).toEqual({ uses: 3, refusals: 1 });
  });

  it("counts everything for a platform administrator", async () => {
    const res = await dashboard(w.admin);
    expect(res.status).toBe(200);
    const all = await h.prisma.license.count();
    const counted = Object.values(res.body.licenses.byStatus).reduce((a, b) => a + b, 0);
    expect(counted).toBe(all);
    expect(res.body.tokens!.introspections.totals.uses).toBeGreaterThanOrEqual(111);
    expect(res.body.licenses.validations.totals).toEqual({ uses: 45, refusals: 2 });
  });

  it("shows another tenant nothing of acme's", async () => {
    const res = await dashboard(w.other.people.tenant_admin);
    expect(res.body.licenses.byStatus).toEqual({ active: 1, suspended: 0, expired: 0, revoked: 0 });
    expect(res.body.licenses.expiringSoon).toEqual({ count: 0, soonest: [] });
    expect(res.body.tokens).toMatchObject({ live: 1, revokedThisWeek: 0, introspections: { totals: { uses: 100, refusals: 0 } } });
    expect(res.body.licenses.validations.totals).toEqual({ uses: 42, refusals: 1 });
  });

  it("refuses a district reviewer (no licenses.read) with 403 and a caller without a session with 401", async () => {
    const reviewer = await dashboard(w.acme.people.district_reviewer);
    expect(reviewer.status).toBe(403);
    expect(reviewer.body.reason).toBe("permission-missing");
    expect((await dashboard()).status).toBe(401);
  });
});
