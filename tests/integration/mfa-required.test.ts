// A second factor required (contracts/assurance-levels.ts), over real mTLS against PostgreSQL with a clock the
// test moves: a platform administrator without one answers only what it takes to add one; a tenant that
// requires it reaches its people's live (cached) sessions at once; the last required factor stays; step-up
// actions refuse a password alone; and a detector's step-up demand is never met by adding a new factor.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Problem } from "../../contracts/problem";
import { hashPassword } from "../../services/access/domain/passwords/password-hash";
import { newId } from "../../services/access/domain/secrets/ids";
import { totpCodeAt } from "../../services/access/domain/mfa/totp";
import { createLicenseCatalogue, insertLicenseRow, recordedEvents, type LicenseCatalogue } from "../support/license-fixtures";
import { beginSignIn, enrolTotp } from "../support/mfa-fixtures";
import { refusalEvents } from "../support/refusal-fixtures";
import { startAccessService, type AccessHarness } from "../support/start-access-service";
import { authorization, createPlatformAdmin, createTenantWithPeople, fixturePassword, signInAs, type SignedInPerson } from "../support/tenant-fixtures";
import { createTestClock } from "../support/test-clock";

const clock = createTestClock();
let h: AccessHarness;
let catalogue: LicenseCatalogue;

beforeAll(async () => {
  h = await startAccessService("mfa_required", {}, { now: clock.now });
  catalogue = await createLicenseCatalogue(h, "mfr");
});
afterAll(async () => h?.close());

type Me = { secondFactor: { required: boolean; owed: "add" | "give" | null } };
const call = async <T = Problem>(method: "GET" | "POST" | "PUT", path: string, body: unknown, who?: SignedInPerson) =>
  (await h.as("web")).json<T>(method, path, body, who ? authorization(who) : {});
const me = async (who: SignedInPerson) => (await call<Me>("GET", "/v1/me", undefined, who)).body.secondFactor;
const reasonOf = (res: { status: number; body: Problem }) => [res.status, res.body.reason];
const requirement = (tenantId: string, body: unknown, who: SignedInPerson) => call<{ tenant: { secondFactorRequired: boolean } } & Problem>("PUT", `/v1/tenants/${tenantId}/second-factor-requirement`, body, who);

describe("a platform administrator", () => {
  it("without a second factor answers only what it takes to add one, refused and audited; adding one opens the rest", async () => {
    // A brand-new administrator has no factor yet (the fixtures' platform admins are given one).
    await h.prisma.user.create({ data: { id: newId("usr"), email: "ned-new@vendor.example", name: "Ned New", role: "platform_admin", tenantId: null, passwordHash: await hashPassword(fixturePassword) } });
    const ned = await signInAs(h, "ned-new@vendor.example");
    expect(await me(ned)).toEqual({ required: true, owed: "add" });

    const before = (await refusalEvents(h)).length;
    const refused = await call("GET", "/v1/licenses", undefined, ned);
    expect(reasonOf(refused)).toEqual([403, "second-factor-required"]);
    expect(refused.body.detail).toMatch(/add a passkey or an authenticator app/);
    expect(reasonOf(await call("POST", "/v1/tenants", { slug: "nope", name: "Nope", kind: "company" }, ned))).toEqual([403, "second-factor-required"]);
    expect(await h.prisma.tenant.count({ where: { slug: "nope" } })).toBe(0);
    const refusals = (await refusalEvents(h)).slice(before);
    expect(refusals.map((e) => e.data.reason)).toEqual(["second-factor-required", "second-factor-required"]);

    // What it takes to add one answers; so does the person's own factor list.
    expect((await call("GET", "/v1/me/second-factors", undefined, ned)).status).toBe(200);
    await enrolTotp(h, ned, clock);
    expect(await me(ned)).toEqual({ required: true, owed: null });
    expect((await call("GET", "/v1/licenses", undefined, ned)).status).toBe(200);
    // Next time, the password is followed by the factor.
    expect((await beginSignIn(h, "ned-new@vendor.example")).secondFactorRequired).toBe(true);
  });

  it("keeps the last factor: removing it is refused while one is required, and nothing changes", async () => {
    const pat = await createPlatformAdmin(h);
    const res = await call("POST", `/v1/me/second-factors/${pat.authenticator.factorId}/remove`, { password: fixturePassword }, pat);
    expect(reasonOf(res)).toEqual([409, "last-required-factor"]);
    expect(await h.prisma.secondFactor.count({ where: { userId: pat.user.id } })).toBe(1);
    expect(await h.prisma.recoveryCode.count({ where: { userId: pat.user.id } })).toBe(10);
  });
});

describe("a tenant's requirement", () => {
  it("is set by its administrator with a fresh factor of their own, audited, and reaches its people's cached sessions at once", async () => {
    const acme = await createTenantWithPeople(h, { slug: "mfr-acme" });
    const other = await createTenantWithPeople(h, { slug: "mfr-other" });
    const admin = acme.people.tenant_admin;
    const member = acme.people.tenant_member;
    // Warm the member's cached session: the change must evict it, not wait for it to expire.
    expect((await call("GET", "/v1/licenses", undefined, member)).status).toBe(200);
    expect(await me(member)).toEqual({ required: false, owed: null });

    // A password alone does not change it: the one requiring a factor must have one.
    expect(reasonOf(await requirement(acme.tenant.id, { required: true }, admin))).toEqual([403, "second-factor-required"]);
    // The wrong role, another tenant's administrator and malformed bodies change nothing.
    expect(reasonOf(await requirement(acme.tenant.id, { required: true }, member))).toEqual([403, "permission-missing"]);
    await enrolTotp(h, other.people.tenant_admin, clock);
    expect((await requirement(acme.tenant.id, { required: true }, other.people.tenant_admin)).status).toBe(404);
    await enrolTotp(h, admin, clock);
    for (const bad of [{}, { required: "yes" }, { required: true, extra: 1 }, null]) expect((await requirement(acme.tenant.id, bad, admin)).status).toBe(422);
    expect((await h.prisma.tenant.findUniqueOrThrow({ where: { id: acme.tenant.id } })).secondFactorRequired).toBe(false);

    const on = await requirement(acme.tenant.id, { required: true }, admin);
    expect(on.status).toBe(200);
    expect(on.body.tenant.secondFactorRequired).toBe(true);
    const audited = (await recordedEvents(h)).filter((e) => e.action === "tenant.second_factor_requirement");
    expect(audited.map((e) => e.data)).toEqual([{ secondFactor: "required", stepUpFactor: "totp" }]);

    // The member's live session, answered from the cache a moment ago, now owes a factor (the change feed evicted it).
    await expect.poll(async () => reasonOf(await call("GET", "/v1/licenses", undefined, member)), { timeout: 5_000 }).toEqual([403, "second-factor-required"]);
    expect(await me(member)).toEqual({ required: true, owed: "add" });
    // The administrator gave theirs in this session; the other tenant's people are untouched.
    expect((await call("GET", "/v1/licenses", undefined, admin)).status).toBe(200);
    expect((await call("GET", "/v1/licenses", undefined, other.people.tenant_member)).status).toBe(200);

    // Off again: the member answers with the password alone.
    clock.advance(30_000);
    expect((await requirement(acme.tenant.id, { required: false }, admin)).status).toBe(200);
    await expect.poll(async () => (await call("GET", "/v1/licenses", undefined, member)).status, { timeout: 5_000 }).toBe(200);
  });

  it("asks a person who has a factor, in a session opened before it was added, to give it (a step-up), which opens the session", async () => {
    const co = await createTenantWithPeople(h, { slug: "mfr-give" });
    const older = await signInAs(h, co.people.tenant_member.user.email); // opened before the factor existed
    const factor = await enrolTotp(h, co.people.tenant_member, clock);
    await h.prisma.tenant.update({ where: { id: co.tenant.id }, data: { secondFactorRequired: true } });
    await expect.poll(async () => (await me(older)).owed, { timeout: 5_000 }).toBe("give");
    expect(reasonOf(await call("GET", "/v1/licenses", undefined, older))).toEqual([403, "second-factor-required"]);
    expect((await call("POST", "/v1/me/step-up", { code: factor.codeNow() }, older)).status).toBe(200);
    await expect.poll(async () => (await call("GET", "/v1/licenses", undefined, older)).status, { timeout: 5_000 }).toBe(200);
  });
});

describe("step-up with no factor to give", () => {
  it("refuses a password alone for revealing a license key, and audits the refusal", async () => {
    const co = await createTenantWithPeople(h, { slug: "mfr-reveal" });
    const license = await insertLicenseRow(h, { tenantId: co.tenant.id, componentId: catalogue.reports.id, tierId: catalogue.basic.id });
    const res = await call("POST", `/v1/licenses/${license.id}/reveal-key`, { password: fixturePassword }, co.people.tenant_admin);
    expect(reasonOf(res)).toEqual([403, "second-factor-required"]);
    expect(res.body.detail).toMatch(/needs a second factor/);
    expect((await recordedEvents(h)).some((e) => e.action === "license.key_reveal" && e.target?.id === license.id)).toBe(false);
  });

  it("never lets a new factor meet a step-up the detector demanded: adding one is refused until the old factor is given", async () => {
    const co = await createTenantWithPeople(h, { slug: "mfr-demand" });
    const person = co.people.tenant_admin;
    const factor = await enrolTotp(h, person, clock);
    await h.prisma.session.updateMany({ where: { userId: person.user.id }, data: { stepUpDemandedAt: clock.now() } });
    await expect.poll(async () => reasonOf(await call("POST", "/v1/me/second-factors/totp", { label: "Attacker's phone" }, person)), { timeout: 5_000 }).toEqual([403, "step-up-required"]);
    expect(await h.prisma.secondFactor.count({ where: { userId: person.user.id } })).toBe(1);
    expect((await call("POST", "/v1/me/step-up", { code: totpCodeAt(factor.secret, clock.now()) }, person)).status).toBe(200);
    expect((await call("POST", "/v1/me/second-factors/totp", { label: "Second phone" }, person)).status).toBe(201);
  });
});

describe("adding a further factor", () => {
  it("asks a person who has one to give it first when it is not fresh, and adds nothing until then", async () => {
    const co = await createTenantWithPeople(h, { slug: "mfr-further" });
    const person = co.people.tenant_member;
    const factor = await enrolTotp(h, person, clock);
    clock.advance(11 * 60_000); // past the step-up window (contracts/assurance-levels.ts stepUpFreshMinutes)
    expect(reasonOf(await call("POST", "/v1/me/second-factors/totp", { label: "Another phone" }, person))).toEqual([403, "step-up-required"]);
    expect(reasonOf(await call("POST", "/v1/me/second-factors/passkey/options", undefined, person))).toEqual([403, "step-up-required"]);
    expect(await h.prisma.secondFactor.count({ where: { userId: person.user.id } })).toBe(1);
    expect((await call("POST", "/v1/me/step-up", { code: totpCodeAt(factor.secret, clock.now()) }, person)).status).toBe(200);
    expect((await call("POST", "/v1/me/second-factors/totp", { label: "Another phone" }, person)).status).toBe(201);
  });
});
