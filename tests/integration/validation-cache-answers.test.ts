// The validation cache changes speed, never answers: the same keys and scopes validated by a service
// without the cache (A) and, twice, by one with it on the same database (B) get identical answers; and a
// cached license whose term ends is answered expired without any notification (validity is per request,
// against the services' clock, which the test moves past the end).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateLicenseKey } from "../../services/access/domain/licenses/license-key";
import { createLicenseCatalogue, insertLicenseRow, type LicenseCatalogue } from "../support/license-fixtures";
import { startAccessService, type AccessHarness } from "../support/start-access-service";
import { createTestClock } from "../support/test-clock";
import { validatorFor, type Validator } from "../support/validation-cache-fixtures";

let a: AccessHarness;
let b: AccessHarness;
let cat: LicenseCatalogue;
let viaA: Validator;
let viaB: Validator;
const day = 86_400_000;
const clock = createTestClock();

beforeAll(async () => {
  a = await startAccessService("validation-cache-answers", {}, { now: clock.now });
  b = await startAccessService("", {}, { sameDatabaseAs: a, validationCache: true, now: clock.now });
  cat = await createLicenseCatalogue(a, "ans");
  viaA = await validatorFor(a);
  viaB = await validatorFor(b);
  expect(await b.validationCache?.feed.whenHealthy(5_000)).toBe(true);
});
afterAll(async () => {
  await b?.close();
  await a?.close();
});

const stats = () => {
  if (!b.validationCache) throw new Error("B has no validation cache");
  return b.validationCache.cache.stats();
};

describe("answers with and without the cache", () => {
  it("are identical for every status, term and scope, and for unknown keys", async () => {
    let n = 0;
    const tenant = async () => {
      n += 1;
      const id = `ten_answers${n}`;
      await a.prisma.tenant.create({ data: { id, slug: `answers-${n}`, name: `Answers ${n}`, kind: "company" } });
      return id;
    };
    const now = Date.now();
    const cases = [
      { status: "active" as const },
      { status: "suspended" as const },
      { status: "revoked" as const },
      { status: "expired" as const },
      { status: "active" as const, endsAt: new Date(now - day) }, // term over, not yet swept
      { status: "active" as const, startsAt: new Date(now + day) }, // not yet valid
      { status: "active" as const, tier: "basic" as const },
    ];
    const keys: string[] = [generateLicenseKey()]; // unknown
    for (const c of cases) {
      const tierId = c.tier === "basic" ? cat.basic.id : cat.pro.id;
      keys.push((await insertLicenseRow(a, { tenantId: await tenant(), componentId: cat.reports.id, tierId, ...c })).key);
    }
    const scopes = [undefined, `${cat.reports.key}:read`, `${cat.reports.key}:write`, `${cat.etl.key}:run`, "nope:nothing"];
    let compared = 0;
    for (const key of keys) {
      for (const scope of scopes) {
        const expected = await viaA(key, scope);
        expect(await viaB(key, scope), `key #${keys.indexOf(key)} scope ${scope}`).toEqual(expected);
        expect(await viaB(key, scope), `key #${keys.indexOf(key)} scope ${scope}, second time`).toEqual(expected);
        compared += 1;
      }
    }
    expect(compared).toBe(keys.length * scopes.length);
    expect(stats().hits, "B answered from its cache").toBeGreaterThan(0);
    expect(stats().size, "found licenses are cached, unknown keys are not").toBe(cases.length);
  });
});

describe("expiry", () => {
  it("a cached license whose end passes is answered expired, from the cache, with no notification", async () => {
    await a.prisma.tenant.create({ data: { id: "ten_expiring", slug: "expiring", name: "Expiring", kind: "company" } });
    const endsAt = new Date(clock.now().getTime() + 60_000);
    const license = await insertLicenseRow(a, { tenantId: "ten_expiring", componentId: cat.reports.id, tierId: cat.pro.id, endsAt });
    let answeredFromCache = false;
    for (let attempt = 0; attempt < 50 && !answeredFromCache; attempt++) {
      const hits = stats().hits;
      expect((await viaB(license.key)).valid).toBe(true);
      answeredFromCache = stats().hits > hits;
    }
    expect(answeredFromCache, "valid, from the cache, before its end").toBe(true);
    clock.advance(120_000); // a minute past its end
    const hits = stats().hits;
    expect(await viaB(license.key)).toEqual({ valid: false, reason: "expired" });
    expect(stats().hits, "answered from the cache, against the clock").toBe(hits + 1);
    expect(await viaA(license.key)).toEqual({ valid: false, reason: "expired" });
  });
});
