// Property tests: whatever malformed body, id or query string reaches a license endpoint, the answer is
// a 4xx problem+json — never a 500 — and nothing changes (no license row, no audit event).
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import {
  changeLicenseTierRequest,
  createLicenseRequest,
  listLicensesQuery,
  renewLicenseRequest,
  revealLicenseKeyRequest,
  validateLicenseRequest,
} from "../../contracts/license-api";
import { createLicenseCatalogue, insertLicenseRow, licenseSnapshot } from "../support/license-fixtures";
import { authorization, createPlatformAdmin, createTenantWithPeople, type SignedInPerson } from "../support/tenant-fixtures";
import { startAccessService, type AccessHarness } from "../support/start-access-service";

let h: AccessHarness;
let admin: SignedInPerson;
let licenseId: string;
const runs = { numRuns: 40 };

beforeAll(async () => {
  h = await startAccessService("licenses-props");
  admin = await createPlatformAdmin(h);
  const tenant = await createTenantWithPeople(h, { slug: "props" });
  const cat = await createLicenseCatalogue(h);
  licenseId = (await insertLicenseRow(h, { tenantId: tenant.tenant.id, componentId: cat.reports.id, tierId: cat.basic.id })).id;
});
afterAll(async () => h?.close());

type Answer = { status: number; headers: Record<string, unknown>; body: unknown };

async function expectRefusedUnchanged(send: () => Promise<Answer>) {
  const before = await licenseSnapshot(h);
  const res = await send();
  expect(res.status, JSON.stringify(res.body)).toBeGreaterThanOrEqual(400);
  expect(res.status, JSON.stringify(res.body)).toBeLessThan(500);
  expect(String(res.headers["content-type"])).toMatch(/application\/problem\+json/);
  expect(await licenseSnapshot(h)).toBe(before);
}

/** JSON values that the schema refuses (a valid body is not what these properties are about). */
const invalidFor = (schema: z.ZodType) => fc.jsonValue().filter((v) => !schema.safeParse(v).success);
/** Bodies shaped like the right object but with wrong field types or values. */
const wrongFields = (fields: string[], schema: z.ZodType) =>
  fc.dictionary(fc.constantFrom(...fields), fc.jsonValue()).filter((v) => !schema.safeParse(v).success);

const bodyEndpoints: { name: string; path: () => string; schema: z.ZodType; fields: string[]; identity: string; bearer: boolean }[] = [
  { name: "create", path: () => "/v1/licenses", schema: createLicenseRequest, fields: ["tenantId", "componentId", "tierId", "seats", "startsAt", "endsAt"], identity: "web", bearer: true },
  { name: "renew", path: () => `/v1/licenses/${licenseId}/renew`, schema: renewLicenseRequest, fields: ["endsAt"], identity: "web", bearer: true },
  { name: "change-tier", path: () => `/v1/licenses/${licenseId}/change-tier`, schema: changeLicenseTierRequest, fields: ["tierId"], identity: "web", bearer: true },
  { name: "reveal-key", path: () => `/v1/licenses/${licenseId}/reveal-key`, schema: revealLicenseKeyRequest, fields: ["password"], identity: "web", bearer: true },
  { name: "validate", path: () => "/v1/licenses/validate", schema: validateLicenseRequest, fields: ["key", "scope"], identity: "reports-worker", bearer: false },
];

describe("malformed bodies", () => {
  for (const e of bodyEndpoints) {
    const headers = () => (e.bearer ? authorization(admin) : {});
    it(`${e.name}: any invalid JSON value → 4xx problem, nothing changed`, async () => {
      const client = await h.as(e.identity);
      await fc.assert(fc.asyncProperty(invalidFor(e.schema), (body) => expectRefusedUnchanged(() => client.json("POST", e.path(), body, headers()))), runs);
    });
    it(`${e.name}: the right fields with wrong values → 4xx problem, nothing changed`, async () => {
      const client = await h.as(e.identity);
      await fc.assert(fc.asyncProperty(wrongFields(e.fields, e.schema), (body) => expectRefusedUnchanged(() => client.json("POST", e.path(), body, headers()))), runs);
    });
    it(`${e.name}: bytes that are not JSON → 4xx problem, nothing changed`, async () => {
      const client = await h.as(e.identity);
      const notJson = fc.string({ minLength: 1 }).filter((s) => {
        try {
          JSON.parse(s);
          return false;
        } catch {
          return true;
        }
      });
      await fc.assert(
        fc.asyncProperty(notJson, (text) => expectRefusedUnchanged(() => client.raw("POST", e.path(), text, { "content-type": "application/json", ...headers() }))),
        runs,
      );
    });
  }
});

describe("malformed or unknown ids", () => {
  const idPaths: ((id: string) => ["GET" | "POST", string])[] = [
    (id) => ["GET", `/v1/licenses/${id}`],
    (id) => ["GET", `/v1/licenses/${id}/timeline`],
    (id) => ["POST", `/v1/licenses/${id}/suspend`],
    (id) => ["POST", `/v1/licenses/${id}/reinstate`],
    (id) => ["POST", `/v1/licenses/${id}/revoke`],
    (id) => ["POST", `/v1/licenses/${id}/renew`],
    (id) => ["POST", `/v1/licenses/${id}/change-tier`],
    (id) => ["POST", `/v1/licenses/${id}/reveal-key`],
  ];
  const ids = fc.oneof(fc.string({ minLength: 1, maxLength: 80 }), fc.stringMatching(/^lic_[A-Za-z0-9_-]{1,30}$/), fc.string({ minLength: 65, maxLength: 200 }));
  it("every license-id endpoint answers 4xx problem and changes nothing", async () => {
    const web = await h.as("web");
    await fc.assert(
      fc.asyncProperty(ids, fc.constantFrom(...idPaths), (id, route) => {
        const [method, path] = route(encodeURIComponent(id));
        if (id === licenseId) return Promise.resolve();
        const body = method === "POST" ? { endsAt: "2099-01-01T00:00:00Z", tierId: "tier_x", password: "p" } : undefined;
        return expectRefusedUnchanged(() => web.json(method, path, body, authorization(admin)));
      }),
      { numRuns: 80 },
    );
  });
});

describe("malformed query strings", () => {
  const keys = ["search", "status", "tierId", "tenantId", "componentId", "sort", "order", "limit", "cursor"];
  it("GET /v1/licenses with any refused combination of parameters → 422 problem", async () => {
    const web = await h.as("web");
    const query = fc.dictionary(fc.constantFrom(...keys), fc.oneof(fc.string({ maxLength: 120 }), fc.integer().map(String), fc.constant("")), { minKeys: 1 });
    await fc.assert(
      fc.asyncProperty(
        query.filter((q) => !listLicensesQuery.safeParse(q).success || "cursor" in q),
        (q) => {
          // A cursor of random text must fail too, even when the rest parses.
          if ("cursor" in q && listLicensesQuery.safeParse(q).success && q.cursor === "") return Promise.resolve();
          return expectRefusedUnchanged(() => web.json("GET", `/v1/licenses?${new URLSearchParams(q)}`, undefined, authorization(admin)));
        },
      ),
      runs,
    );
  });

  it("cursors of the right shape carrying any values never cause a 500 and change nothing", async () => {
    const web = await h.as("web");
    const text = fc.oneof(fc.string({ maxLength: 60 }), fc.date({ noInvalidDate: false }).map((d) => (Number.isNaN(d.getTime()) ? "NaN" : d.toISOString())), fc.constantFrom("+275760-09-13T00:00:00.000Z", "active", "revoked", "lic_x"));
    const cursor = fc.record({
      s: fc.constantFrom("createdAt", "endsAt", "tenant", "status"),
      o: fc.constantFrom("asc", "desc"),
      k: fc.array(text, { minLength: 2, maxLength: 3 }),
    });
    await fc.assert(
      fc.asyncProperty(cursor, async (c) => {
        const before = await licenseSnapshot(h);
        const query = new URLSearchParams({ sort: c.s, order: c.o, cursor: Buffer.from(JSON.stringify(c)).toString("base64url") });
        const res = await web.json("GET", `/v1/licenses?${query}`, undefined, authorization(admin));
        expect(res.status, JSON.stringify(res.body)).toBeLessThan(500);
        if (res.status >= 400) expect(String(res.headers["content-type"])).toMatch(/problem\+json/);
        expect(await licenseSnapshot(h)).toBe(before);
      }),
      { numRuns: 100 },
    );
  });
});
