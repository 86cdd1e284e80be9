// Service tiers over real mTLS against a real database: listing with license counts confined to the
// caller's tenant, create and edit with validation, conflicts and audit, the role matrix, and that
// malformed input (fast-check) never yields a 500 or a write.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTierRequest, updateTierRequest, type CreateTierRequest, type ListTiersResponse, type TierDto, type UpdateTierResponse } from "../../contracts/catalogue-api";
import type { Problem } from "../../contracts/problem";
import { ensureDefaultCatalogue } from "../../services/access/domain/catalogue/ensure-default-catalogue";
import { auditEvents, catalogueSnapshot, insertLicense } from "../support/catalogue-fixtures";
import { startAccessService, type AccessHarness } from "../support/start-access-service";
import { authorization, createPlatformAdmin, createTenantWithPeople, type SignedInPerson, type TenantWithPeople } from "../support/tenant-fixtures";

let h: AccessHarness;
let web: Awaited<ReturnType<AccessHarness["as"]>>;
let admin: SignedInPerson;
let acme: TenantWithPeople;
let globex: TenantWithPeople;
let standard: TierDto;

const validTier = (key: string): CreateTierRequest => ({
  key,
  name: `Tier ${key}`,
  seats: 10,
  tokensPerLicense: 5,
  requestsPerMinute: 100,
  tokenDefaultTtlHours: 24,
  tokenMaxTtlHours: 48,
  scopes: ["reports:read", "etl:read"],
});

beforeAll(async () => {
  h = await startAccessService("tiers");
  web = await h.as("web");
  await ensureDefaultCatalogue(h.ctx);
  admin = await createPlatformAdmin(h);
  acme = await createTenantWithPeople(h, { slug: "acme", name: "Acme" });
  globex = await createTenantWithPeople(h, { slug: "globex", name: "Globex" });
  const tiers = await web.json<ListTiersResponse>("GET", "/v1/tiers", undefined, authorization(admin));
  standard = tiers.body.tiers.find((t) => t.key === "standard")!;
  await insertLicense(h, { tenantId: acme.tenant.id, componentKey: "reports", tierId: standard.id });
  await insertLicense(h, { tenantId: globex.tenant.id, componentKey: "reports", tierId: standard.id });
  await insertLicense(h, { tenantId: globex.tenant.id, componentKey: "etl", tierId: standard.id });
});
afterAll(async () => h?.close());

const expectProblem = (res: { status: number; headers: Record<string, unknown> }, status: number) => {
  expect(res.status).toBe(status);
  expect(String(res.headers["content-type"])).toMatch(/application\/problem\+json/);
};

describe("GET /v1/tiers and /v1/tiers/:id", () => {
  it("lists tiers with scope keys; license counts are the caller's tenant's (platform admins: all)", async () => {
    const asAdmin = await web.json<ListTiersResponse>("GET", "/v1/tiers", undefined, authorization(admin));
    expect(asAdmin.status).toBe(200);
    expect(asAdmin.body.tiers.map((t) => t.key)).toEqual(["standard", "enterprise"]);
    const listed = asAdmin.body.tiers.find((t) => t.key === "standard")!;
    expect(listed.scopes).toEqual([...listed.scopes].sort());
    expect(listed.scopes).toContain("reports:read");
    expect(listed.scopes).not.toContain("reports:write");
    expect(listed.licenseCount).toBe(3);
    for (const [person, count] of [[acme.people.tenant_admin, 1], [acme.people.tenant_member, 1], [globex.people.tenant_member, 2]] as const) {
      const res = await web.json<ListTiersResponse>("GET", "/v1/tiers", undefined, authorization(person));
      expect(res.status).toBe(200);
      expect(res.body.tiers.find((t) => t.key === "standard")?.licenseCount).toBe(count);
      const one = await web.json<{ tier: TierDto }>("GET", `/v1/tiers/${standard.id}`, undefined, authorization(person));
      expect([one.status, one.body.tier.licenseCount, one.body.tier.key]).toEqual([200, count, "standard"]);
    }
  });

  it("answers 404 for an unknown tier and for a malformed id (one rule, contracts/problem.ts)", async () => {
    expectProblem(await web.json("GET", "/v1/tiers/tier_nope", undefined, authorization(admin)), 404);
    expectProblem(await web.json("GET", "/v1/tiers/lic_nope", undefined, authorization(admin)), 404);
  });

  it("is refused to district reviewers (403), without a session (401), to other identities (403)", async () => {
    for (const path of ["/v1/tiers", `/v1/tiers/${standard.id}`]) {
      expectProblem(await web.json("GET", path, undefined, authorization(acme.people.district_reviewer)), 403);
      expectProblem(await web.json("GET", path), 401);
      expectProblem(await (await h.as("reports-worker")).json("GET", path, undefined, authorization(admin)), 403);
    }
  });
});

describe("POST /v1/tiers", () => {
  it("creates a tier for a platform admin, audited", async () => {
    const res = await web.json<{ tier: TierDto }>("POST", "/v1/tiers", { ...validTier("pilot"), scopes: ["reports:read", "etl:read", "reports:read"] }, authorization(admin));
    expect(res.status).toBe(201);
    expect(res.body.tier).toMatchObject({ key: "pilot", seats: 10, scopes: ["etl:read", "reports:read"], licenseCount: 0 });
    expect(res.body.tier.id).toMatch(/^tier_/);
    const [event] = (await auditEvents(h, "tier.create")).filter((e) => e.target?.id === res.body.tier.id);
    expect(event.actor).toMatchObject({ type: "user", id: admin.user.id });
    expect(event.data).toMatchObject({ key: "pilot", scopes: ["etl:read", "reports:read"] });
  });

  it("refuses unknown scopes, a default lifetime above the maximum, non-positive quotas (422) and a taken key (409)", async () => {
    const before = await catalogueSnapshot(h);
    const unknown = await web.json<Problem>("POST", "/v1/tiers", { ...validTier("x1"), scopes: ["reports:read", "reports:delete"] }, authorization(admin));
    expectProblem(unknown, 422);
    expect(unknown.body.fieldErrors?.scopes?.[0]).toContain("reports:delete");
    const ttl = await web.json<Problem>("POST", "/v1/tiers", { ...validTier("x2"), tokenDefaultTtlHours: 49 }, authorization(admin));
    expectProblem(ttl, 422);
    expect(ttl.body.fieldErrors?.tokenDefaultTtlHours).toBeDefined();
    for (const bad of [0, -1, 1.5, "10", null]) {
      const res = await web.json<Problem>("POST", "/v1/tiers", { ...validTier("x3"), seats: bad }, authorization(admin));
      expectProblem(res, 422);
      expect(res.body.fieldErrors?.seats).toBeDefined();
    }
    expectProblem(await web.json("POST", "/v1/tiers", { ...validTier("x4"), scopes: [] }, authorization(admin)), 422);
    expectProblem(await web.json("POST", "/v1/tiers", { ...validTier("Upper") }, authorization(admin)), 422);
    const taken = await web.json<Problem>("POST", "/v1/tiers", validTier("standard"), authorization(admin));
    expectProblem(taken, 409);
    expect(taken.body.fieldErrors?.key).toBeDefined();
    expect(await catalogueSnapshot(h)).toBe(before);
  });

  it("is refused to tenant admins, members, reviewers (403), without a session (401), to other identities (403)", async () => {
    const before = await catalogueSnapshot(h);
    for (const person of Object.values(acme.people)) expectProblem(await web.json("POST", "/v1/tiers", validTier("sneaky"), authorization(person)), 403);
    expectProblem(await web.json("POST", "/v1/tiers", validTier("sneaky")), 401);
    expectProblem(await (await h.as("operator")).json("POST", "/v1/tiers", validTier("sneaky"), authorization(admin)), 403);
    expect(await catalogueSnapshot(h)).toBe(before);
  });
});

describe("PATCH /v1/tiers/:id", () => {
  let tier: TierDto;
  beforeAll(async () => {
    tier = (await web.json<{ tier: TierDto }>("POST", "/v1/tiers", validTier("growth"), authorization(admin))).body.tier;
  });

  it("saves scope and quota changes and audits exactly what changed", async () => {
    const res = await web.json<UpdateTierResponse>(
      "PATCH",
      `/v1/tiers/${tier.id}`,
      { scopes: ["reports:read", "reports:write"], seats: 20, name: "Growth", expectedUpdatedAt: tier.updatedAt },
      authorization(admin),
    );
    expect(res.status).toBe(200);
    expect(res.body.changes).toEqual({
      scopesAdded: ["reports:write"],
      scopesRemoved: ["etl:read"],
      quotaChanges: [{ field: "seats", from: 10, to: 20 }],
      fieldsChanged: ["name"],
    });
    expect(res.body.tier).toMatchObject({ name: "Growth", seats: 20, scopes: ["reports:read", "reports:write"] });
    const [event] = (await auditEvents(h, "tier.update")).filter((e) => e.target?.id === tier.id);
    expect(event.data).toMatchObject({ scopesAdded: ["reports:write"], scopesRemoved: ["etl:read"], quotaChanges: [{ field: "seats", from: 10, to: 20 }] });
    expect(event.actor).toMatchObject({ type: "user", id: admin.user.id });

    // the editor's stale copy is refused rather than overwriting this edit
    const stale = await web.json<Problem>("PATCH", `/v1/tiers/${tier.id}`, { seats: 30, expectedUpdatedAt: tier.updatedAt }, authorization(admin));
    expectProblem(stale, 409);
    expect(stale.body.reason).toBe("tier-changed");
    tier = res.body.tier;
  });

  it("writes and audits nothing for an edit that changes nothing", async () => {
    const before = await catalogueSnapshot(h);
    const res = await web.json<UpdateTierResponse>("PATCH", `/v1/tiers/${tier.id}`, { seats: tier.seats, scopes: tier.scopes }, authorization(admin));
    expect(res.status).toBe(200);
    expect(res.body.changes).toEqual({ scopesAdded: [], scopesRemoved: [], quotaChanges: [], fieldsChanged: [] });
    expect(await catalogueSnapshot(h)).toBe(before);
  });

  it("checks the lifetime order against the saved values and refuses unknown scopes, changing nothing", async () => {
    const before = await catalogueSnapshot(h);
    const ttl = await web.json<Problem>("PATCH", `/v1/tiers/${tier.id}`, { tokenDefaultTtlHours: tier.tokenMaxTtlHours + 1 }, authorization(admin));
    expectProblem(ttl, 422);
    expect(ttl.body.fieldErrors?.tokenDefaultTtlHours).toBeDefined();
    const lowerMax = await web.json<Problem>("PATCH", `/v1/tiers/${tier.id}`, { tokenMaxTtlHours: tier.tokenDefaultTtlHours - 1 }, authorization(admin));
    expectProblem(lowerMax, 422);
    const unknown = await web.json<Problem>("PATCH", `/v1/tiers/${tier.id}`, { scopes: ["nope:read"] }, authorization(admin));
    expectProblem(unknown, 422);
    expect(unknown.body.fieldErrors?.scopes?.[0]).toContain("nope:read");
    expectProblem(await web.json("PATCH", `/v1/tiers/${tier.id}`, {}, authorization(admin)), 422);
    expectProblem(await web.json("PATCH", `/v1/tiers/${tier.id}`, { key: "renamed" }, authorization(admin)), 422);
    expectProblem(await web.json("PATCH", "/v1/tiers/tier_unknown", { seats: 3 }, authorization(admin)), 404);
    expect(await catalogueSnapshot(h)).toBe(before);
  });

  it("is refused to tenant roles (403), without a session (401), to other identities (403)", async () => {
    const before = await catalogueSnapshot(h);
    for (const person of Object.values(acme.people)) {
      expectProblem(await web.json("PATCH", `/v1/tiers/${tier.id}`, { seats: 99 }, authorization(person)), 403);
      expectProblem(await web.json("POST", `/v1/tiers/${tier.id}/preview`, { seats: 99 }, authorization(person)), 403);
    }
    expectProblem(await web.json("PATCH", `/v1/tiers/${tier.id}`, { seats: 99 }), 401);
    expectProblem(await web.json("POST", `/v1/tiers/${tier.id}/preview`, { seats: 99 }), 401);
    const operator = await h.as("operator");
    expectProblem(await operator.json("PATCH", `/v1/tiers/${tier.id}`, { seats: 99 }, authorization(admin)), 403);
    expectProblem(await operator.json("POST", `/v1/tiers/${tier.id}/preview`, { seats: 99 }, authorization(admin)), 403);
    expect(await catalogueSnapshot(h)).toBe(before);
  });
});

describe("malformed input (property-based)", () => {
  // Judged as the server sees it: after JSON (which drops undefined fields).
  const invalid = <T>(schema: { safeParse(v: unknown): { success: boolean } }, arb: fc.Arbitrary<T>) =>
    arb.filter((v) => v === undefined || !schema.safeParse(JSON.parse(JSON.stringify(v))).success);
  // Bodies close to valid ones (one field replaced by junk or dropped) find more than random JSON alone.
  const mutated = (base: Record<string, unknown>) =>
    fc.tuple(fc.constantFrom(...Object.keys(base), "extra"), fc.oneof(fc.jsonValue(), fc.constant(undefined))).map(([field, value]) => ({ ...base, [field]: value }));

  it("POST /v1/tiers answers 4xx problem+json, never 500, and changes nothing", async () => {
    const before = await catalogueSnapshot(h);
    const body = invalid(createTierRequest, fc.oneof(fc.jsonValue(), mutated(validTier("prop") as Record<string, unknown>)));
    await fc.assert(
      fc.asyncProperty(body, async (b) => {
        const res = await web.json("POST", "/v1/tiers", b, authorization(admin));
        expect(res.status).toBeGreaterThanOrEqual(400);
        expect(res.status).toBeLessThan(500);
        expect(String(res.headers["content-type"])).toMatch(/problem\+json/);
      }),
      { numRuns: 80 },
    );
    expect(await catalogueSnapshot(h)).toBe(before);
  });

  it("PATCH and preview answer 4xx problem+json for malformed bodies and ids, never 500, and change nothing", async () => {
    const before = await catalogueSnapshot(h);
    const body = invalid(updateTierRequest, fc.oneof(fc.jsonValue(), mutated({ seats: 3, scopes: ["reports:read"] })));
    await fc.assert(
      fc.asyncProperty(body, fc.boolean(), async (b, preview) => {
        const res = await web.json(preview ? "POST" : "PATCH", `/v1/tiers/${standard.id}${preview ? "/preview" : ""}`, b, authorization(admin));
        expect(res.status).toBeGreaterThanOrEqual(400);
        expect(res.status).toBeLessThan(500);
        expect(String(res.headers["content-type"])).toMatch(/problem\+json/);
      }),
      { numRuns: 80 },
    );
    await fc.assert(
      fc.asyncProperty(fc.string({ minLength: 1, maxLength: 100 }), async (id) => {
        for (const [method, path] of [["PATCH", `/v1/tiers/${encodeURIComponent(id)}`], ["GET", `/v1/tiers/${encodeURIComponent(id)}`]] as const) {
          const res = await web.json(method, path, method === "PATCH" ? { seats: 7 } : undefined, authorization(admin));
          expect(res.status).toBeGreaterThanOrEqual(400);
          expect(res.status).toBeLessThan(500);
        }
      }),
      { numRuns: 60 },
    );
    await fc.assert(
      fc.asyncProperty(fc.dictionary(fc.string({ maxLength: 10 }), fc.string({ maxLength: 20 })), async (query) => {
        const res = await web.json("GET", `/v1/tiers?${new URLSearchParams(query).toString()}`, undefined, authorization(admin));
        expect(res.status).toBe(200); // the list takes no query: anything there is ignored, never an error
      }),
      { numRuns: 30 },
    );
    for (const raw of ["{", "[1,2", "null", "\u0000"]) {
      const res = await web.raw("PATCH", `/v1/tiers/${standard.id}`, raw, { ...authorization(admin), "content-type": "application/json" });
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
    }
    expect(await catalogueSnapshot(h)).toBe(before);
  });
});
