// Second factors at the access service, over real mTLS against PostgreSQL, with a clock the test moves:
// enrolling an authenticator, two-step sign-in, replay and throttling refused, recovery codes used once,
// step-up on the routes that ask for it, and every malformed or borrowed input refused with nothing changed.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Problem } from "../../contracts/problem";
import { assurancePolicy } from "../../contracts/assurance-levels";
import { totpCodeAt } from "../../services/access/domain/mfa/totp";
import { createLicenseCatalogue, insertLicenseRow, recordedEvents, type LicenseCatalogue } from "../support/license-fixtures";
import { beginSignIn, enrolTotp } from "../support/mfa-fixtures";
import { startAccessService, type AccessHarness } from "../support/start-access-service";
import { authorization, createNewPlatformAdmin, createTenantWithPeople, fixturePassword, signInAs, type SignedInPerson, type TenantWithPeople } from "../support/tenant-fixtures";
import { createTestClock } from "../support/test-clock";

const clock = createTestClock();
let h: AccessHarness;
let world: TenantWithPeople;
let catalogue: LicenseCatalogue;

beforeAll(async () => {
  h = await startAccessService("mfa", {}, { now: clock.now });
  world = await createTenantWithPeople(h, { slug: "mfa" });
  catalogue = await createLicenseCatalogue(h, "mfa");
});
afterAll(async () => h?.close());

const web = async () => h.as("web");
const call = async <T = Problem>(method: "GET" | "POST", path: string, body: unknown, who?: SignedInPerson | string) =>
  (await web()).json<T>(method, path, body, who ? authorization(who) : {});
const complete = (pendingToken: string, proof: Record<string, string>) => call<{ sessionToken: string; user: { id: string } } & Problem>("POST", "/v1/auth/second-factor", { pendingToken, ...proof });
const events = async (action: string) => (await recordedEvents(h)).filter((e) => e.action === action);
let people = 0;
/** A new platform administrator, signed in with the password alone and owing a factor: each scenario's throttle is its own. */
const newPerson = async () => createNewPlatformAdmin(h, `mfa-person-${++people}@vendor.example`);

describe("enrolling an authenticator", () => {
  it("shows the secret once as a URI and a QR code, keeps it encrypted, and counts it only once a code confirms it", async () => {
    const pat = await newPerson();
    const started = await call<{ id: string; uri: string; secret: string; qrDataUrl: string }>("POST", "/v1/me/second-factors/totp", { label: "Phone" }, pat);
    expect(started.status).toBe(201);
    expect(started.body.uri).toMatch(/^otpauth:\/\/totp\/Tessera:/);
    expect(new URL(started.body.uri).searchParams.get("secret")).toBe(started.body.secret);
    expect(started.body.qrDataUrl).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(Buffer.from(started.body.qrDataUrl.split(",")[1], "base64").toString()).toContain("<svg");
    const row = await h.prisma.secondFactor.findUniqueOrThrow({ where: { id: started.body.id }, omit: { secretCiphertext: false } });
    expect(row.secretCiphertext).toMatch(/^k1\./);
    expect(row.secretCiphertext).not.toContain(started.body.secret);

    // Unconfirmed: no factor yet, sign-in is still one step.
    expect((await call<{ factors: unknown[] }>("GET", "/v1/me/second-factors", undefined, pat)).body.factors).toEqual([]);
    expect((await call<{ sessionToken?: string }>("POST", "/v1/auth/sign-in", { email: pat.user.email, password: fixturePassword })).body.sessionToken).toBeDefined();

    const wrong = await call("POST", `/v1/me/second-factors/${started.body.id}/confirm`, { code: totpCodeAt(started.body.secret, new Date(clock.now().getTime() + 600_000)) }, pat);
    expect([wrong.status, wrong.body.reason]).toEqual([422, "second-factor-failed"]);
    expect(wrong.body.fieldErrors?.code?.[0]).toMatch(/not correct/);
    expect((await h.prisma.secondFactor.findUniqueOrThrow({ where: { id: started.body.id } })).confirmedAt).toBeNull();

    const ok = await call<{ factor: { id: string; label: string }; recoveryCodes: string[] }>("POST", `/v1/me/second-factors/${started.body.id}/confirm`, { code: totpCodeAt(started.body.secret, clock.now()) }, pat);
    expect(ok.status).toBe(200);
    expect(ok.body.factor).toMatchObject({ id: started.body.id, label: "Phone" });
    expect(ok.body.recoveryCodes).toHaveLength(assurancePolicy.recoveryCodeCount);
    const listed = await call<{ factors: { id: string }[]; recoveryCodesLeft: number; verifiedAt: string | null }>("GET", "/v1/me/second-factors", undefined, pat);
    expect(listed.body).toMatchObject({ factors: [{ id: started.body.id }], recoveryCodesLeft: 10 });
    expect(listed.body.verifiedAt).not.toBeNull();
    expect(JSON.stringify(listed.body)).not.toContain(started.body.secret);
    // Recovery codes are stored hashed, never as typed.
    const hashes = await h.prisma.recoveryCode.findMany({ where: { userId: pat.user.id }, select: { codeHash: true } });
    expect(hashes.every((r) => r.codeHash.startsWith("$argon2id$"))).toBe(true);
    expect((await events("auth.second_factor_add")).some((e) => e.actor.id === pat.user.id)).toBe(true);
  });

  it("refuses malformed input and another person's enrolment, changing nothing", async () => {
    const pat = await newPerson();
    const other = await newPerson();
    const started = await call<{ id: string; secret: string }>("POST", "/v1/me/second-factors/totp", { label: "Phone" }, pat);
    for (const body of [{}, { label: "" }, { label: "x".repeat(61) }, { label: "Pho\u0000ne" }]) {
      const res = await call("POST", "/v1/me/second-factors/totp", body, other);
      expect([400, 422], JSON.stringify(body)).toContain(res.status);
    }
    expect(await h.prisma.secondFactor.count({ where: { userId: other.user.id } })).toBe(0);
    for (const code of ["12345", "abcdef", "1234567", "12345\u0000"]) {
      const res = await call("POST", `/v1/me/second-factors/${started.body.id}/confirm`, { code }, pat);
      expect([400, 422], code).toContain(res.status);
    }
    const borrowed = await call("POST", `/v1/me/second-factors/${started.body.id}/confirm`, { code: totpCodeAt(started.body.secret, clock.now()) }, other);
    expect([borrowed.status, borrowed.body.reason]).toEqual([404, "factor-not-found"]);
    expect(await h.prisma.secondFactor.count({ where: { userId: pat.user.id, confirmedAt: { not: null } } })).toBe(0);
    expect((await call("POST", "/v1/me/second-factors/not-an-id/confirm", { code: "123456" }, pat)).status).toBe(404);
  });
});

describe("signing in with a second factor", () => {
  it("is two steps: the password gives a pending sign-in that opens nothing, the code an AAL2 session", async () => {
    const pat = await newPerson();
    const totp = await enrolTotp(h, pat, clock);
    const pending = await beginSignIn(h, pat.user.email);
    expect(pending.factors).toEqual(["totp", "recovery-code"]);
    expect(pending.pendingToken).toMatch(/^tsp_/);
    // The pending token is no session.
    expect((await call("GET", "/v1/me", undefined, pending.pendingToken)).status).toBe(401);

    const done = await complete(pending.pendingToken, { code: totp.codeNow() });
    expect(done.status).toBe(200);
    expect(done.body.user.id).toBe(pat.user.id);
    expect((await call("GET", "/v1/me", undefined, done.body.sessionToken)).status).toBe(200);
    const session = await h.prisma.session.findFirstOrThrow({ where: { userId: pat.user.id, assuranceLevel: "aal2" } });
    expect(session.secondFactorKind).toBe("totp");
    expect(session.expiresAt.getTime() - session.createdAt.getTime()).toBeLessThanOrEqual(assurancePolicy.aal2MaxAbsoluteHours * 3_600_000);
    const signIn = (await events("auth.sign_in")).find((e) => e.actor.id === pat.user.id && e.data.assurance === "aal2");
    expect(signIn?.data).toMatchObject({ factor: "totp" });

    // Used once: the same pending sign-in opens nothing again, even with a new code.
    clock.advance(30_000);
    const again = await complete(pending.pendingToken, { code: totp.codeNow() });
    expect([again.status, again.body.reason]).toEqual([401, "pending-sign-in-invalid"]);
  });

  it("refuses a code whose time step was already used (replay), and audits it", async () => {
    const pat = await newPerson();
    const totp = await enrolTotp(h, pat, clock);
    const code = totp.codeNow();
    expect((await complete((await beginSignIn(h, pat.user.email)).pendingToken, { code })).status).toBe(200);
    const replay = await complete((await beginSignIn(h, pat.user.email)).pendingToken, { code });
    expect([replay.status, replay.body.reason]).toEqual([401, "second-factor-failed"]);
    expect(replay.body.fieldErrors?.code).toBeDefined();
    const refused = (await events("auth.second_factor")).filter((e) => e.actor.id === pat.user.id && e.outcome === "failure");
    expect(refused.map((e) => e.data.reason)).toEqual(["replayed"]);
  });

  it("takes each recovery code once", async () => {
    const pat = await newPerson();
    const totp = await enrolTotp(h, pat, clock);
    const [code] = totp.recoveryCodes;
    const first = await complete((await beginSignIn(h, pat.user.email)).pendingToken, { recoveryCode: code.toLowerCase() });
    expect(first.status).toBe(200);
    expect((await h.prisma.session.findFirstOrThrow({ where: { userId: pat.user.id, assuranceLevel: "aal2" } })).secondFactorKind).toBe("recovery-code");
    const second = await complete((await beginSignIn(h, pat.user.email)).pendingToken, { recoveryCode: code });
    expect([second.status, second.body.reason]).toEqual([401, "second-factor-failed"]);
    expect((await call<{ recoveryCodesLeft: number }>("GET", "/v1/me/second-factors", undefined, first.body.sessionToken)).body.recoveryCodesLeft).toBe(9);
  });

  it("checks the code against the pending sign-in's own person: another person's code completes nothing", async () => {
    const ana = await newPerson();
    const ben = await newPerson();
    const anaTotp = await enrolTotp(h, ana, clock);
    await enrolTotp(h, ben, clock);
    const bensPending = await beginSignIn(h, ben.user.email);
    const res = await complete(bensPending.pendingToken, { code: anaTotp.codeNow() });
    expect([res.status, res.body.reason]).toEqual([401, "second-factor-failed"]);
    expect(await h.prisma.session.count({ where: { userId: { in: [ana.user.id, ben.user.id] }, assuranceLevel: "aal2" } })).toBe(0);
    // Ana's code is still unused: it signs Ana in.
    expect((await complete((await beginSignIn(h, ana.user.email)).pendingToken, { code: anaTotp.codeNow() })).status).toBe(200);
  });

  it("lets a pending sign-in expire after its minutes", async () => {
    const pat = await newPerson();
    const totp = await enrolTotp(h, pat, clock);
    const pending = await beginSignIn(h, pat.user.email);
    clock.advance((assurancePolicy.pendingSignInMinutes + 1) * 60_000);
    const res = await complete(pending.pendingToken, { code: totp.codeNow() });
    expect([res.status, res.body.reason]).toEqual([401, "pending-sign-in-invalid"]);
  });

  it("refuses malformed, forged and NUL-bearing input before anything is read or changed", async () => {
    const pat = await newPerson();
    const totp = await enrolTotp(h, pat, clock);
    const pending = await beginSignIn(h, pat.user.email);
    const before = await h.prisma.secondFactor.findUniqueOrThrow({ where: { id: totp.factorId } });
    const bodies: unknown[] = [
      {}, { pendingToken: pending.pendingToken }, { pendingToken: pending.pendingToken, code: "12345" }, { pendingToken: pending.pendingToken, code: "12a456" },
      { pendingToken: pending.pendingToken, code: `${totp.codeNow()}\u0000` }, { pendingToken: `${pending.pendingToken}\u0000`, code: totp.codeNow() },
      { pendingToken: pending.pendingToken, recoveryCode: "short" }, { pendingToken: 42, code: totp.codeNow() }, "not json at all",
    ];
    for (const body of bodies) {
      const res = await (await web()).json<Problem>("POST", "/v1/auth/second-factor", body);
      expect([400, 422], JSON.stringify(body)).toContain(res.status);
    }
    const forged = await complete(`tsp_${"A".repeat(43)}`, { code: totp.codeNow() });
    expect([forged.status, forged.body.reason]).toEqual([401, "pending-sign-in-invalid"]);
    expect(await h.prisma.secondFactor.findUniqueOrThrow({ where: { id: totp.factorId } })).toEqual(before);
    // The pending sign-in survived all of that and still completes.
    expect((await complete(pending.pendingToken, { code: totp.codeNow() })).status).toBe(200);
  });

  it("throttles wrong codes per account like re-entered passwords, and audits the throttling", async () => {
    const pat = await newPerson();
    const totp = await enrolTotp(h, pat, clock);
    const pending = await beginSignIn(h, pat.user.email);
    const wrong = totp.codeNow() === "000000" ? "111111" : "000000";
    for (let i = 0; i < 5; i++) expect((await complete(pending.pendingToken, { code: wrong })).status).toBe(401);
    const throttled = await complete(pending.pendingToken, { code: totp.codeNow() });
    expect(throttled.status).toBe(429);
    expect(throttled.body.retryAfterSeconds).toBeGreaterThan(0);
    expect((await events("auth.second_factor")).some((e) => e.actor.id === pat.user.id && e.data.reason === "throttled")).toBe(true);
  });
});

describe("step-up", () => {
  const signInAal2 = async (pat: SignedInPerson, codeNow: () => string) => {
    const res = await complete((await beginSignIn(h, pat.user.email)).pendingToken, { code: codeNow() });
    expect(res.status).toBe(200);
    return res.body.sessionToken;
  };

  it("asks for a fresh second factor to reveal a key; the audit event names the factor", async () => {
    const pat = await newPerson();
    const totp = await enrolTotp(h, pat, clock);
    const bearer = await signInAal2(pat, totp.codeNow);
    const license = await insertLicenseRow(h, { tenantId: world.tenant.id, componentId: catalogue.reports.id, tierId: catalogue.basic.id });
    const reveal = () => call<{ key?: string } & Problem>("POST", `/v1/licenses/${license.id}/reveal-key`, { password: fixturePassword }, bearer);

    // Fresh from sign-in.
    expect((await reveal()).body.key).toBe(license.key);
    // Past the window: refused with a code the console answers with its dialog, and audited as a refusal.
    clock.advance((assurancePolicy.stepUpFreshMinutes + 1) * 60_000);
    const stale = await reveal();
    expect([stale.status, stale.body.code, stale.body.reason]).toEqual([403, "forbidden", "step-up-required"]);
    expect((await events("authz.refuse")).some((e) => e.data.reason === "step-up-required")).toBe(true);

    const badStepUp = await call("POST", "/v1/me/step-up", { code: "000000" === totp.codeNow() ? "111111" : "000000" }, bearer);
    expect([badStepUp.status, badStepUp.body.reason]).toEqual([401, "second-factor-failed"]);
    expect((await reveal()).status).toBe(403);
    const stepped = await call<{ factor: string }>("POST", "/v1/me/step-up", { code: totp.codeNow() }, bearer);
    expect([stepped.status, stepped.body.factor]).toEqual([200, "totp"]);
    expect((await reveal()).body.key).toBe(license.key);
    const reveals = (await recordedEvents(h, license.id)).filter((e) => e.action === "license.key_reveal" && e.outcome === "success");
    expect(reveals.map((e) => e.data.stepUpFactor)).toEqual(["totp", "totp"]);
  });

  it("asks for it to revoke all of a license's tokens and to export disclosures; a recovery code steps up too", async () => {
    const pat = await newPerson();
    const totp = await enrolTotp(h, pat, clock);
    const bearer = await signInAal2(pat, totp.codeNow);
    clock.advance((assurancePolicy.stepUpFreshMinutes + 1) * 60_000);
    const license = await insertLicenseRow(h, { tenantId: world.tenant.id, componentId: catalogue.reports.id, tierId: catalogue.basic.id });
    const revokeAll = () => call<{ revoked?: number } & Problem>("POST", `/v1/licenses/${license.id}/tokens/revoke-all`, undefined, bearer);
    const exportRecord = () => call<Problem>("GET", `/v1/disclosures/export?format=csv&tenantId=${world.tenant.id}`, undefined, bearer);
    expect((await revokeAll()).body.reason).toBe("step-up-required");
    expect((await exportRecord()).body.reason).toBe("step-up-required");
    expect((await call("POST", "/v1/me/step-up", { recoveryCode: totp.recoveryCodes[0] }, bearer)).status).toBe(200);
    expect((await revokeAll()).status).toBe(200);
    expect((await recordedEvents(h, license.id)).find((e) => e.action === "token.revoke_all")?.data.stepUpFactor).toBe("recovery-code");
    expect((await exportRecord()).body.reason).not.toBe("step-up-required");
  });

  it("refuses a person without a factor (a password alone never does these) and audits the refusal; refuses step-up itself with a clear code", async () => {
    const admin = (await createTenantWithPeople(h, { slug: "mfa-nofactor" })).people.tenant_admin;
    const license = await insertLicenseRow(h, { tenantId: admin.user.tenantId!, componentId: catalogue.reports.id, tierId: catalogue.basic.id });
    const refused = await call("POST", `/v1/licenses/${license.id}/reveal-key`, { password: fixturePassword }, admin);
    expect([refused.status, refused.body.reason]).toEqual([403, "second-factor-required"]);
    expect((await recordedEvents(h, license.id)).some((e) => e.action === "license.key_reveal")).toBe(false);
    expect((await events("authz.refuse")).some((e) => e.actor.id === admin.user.id && e.data.reason === "second-factor-required")).toBe(true);
    const res = await call("POST", "/v1/me/step-up", { code: "123456" }, admin);
    expect([res.status, res.body.reason]).toEqual([409, "no-second-factor"]);
  });

  it("a stale session's step-up cannot be borrowed by another session of the same person", async () => {
    const pat = await newPerson();
    const totp = await enrolTotp(h, pat, clock);
    const one = await signInAal2(pat, totp.codeNow);
    clock.advance(30_000);
    const two = await signInAal2(pat, totp.codeNow);
    clock.advance((assurancePolicy.stepUpFreshMinutes + 1) * 60_000);
    expect((await call("POST", "/v1/me/step-up", { code: totp.codeNow() }, one)).status).toBe(200);
    expect((await call("POST", "/v1/me/recovery-codes", undefined, two)).body.reason).toBe("step-up-required");
    const fresh = await call<{ recoveryCodes: string[] }>("POST", "/v1/me/recovery-codes", undefined, one);
    expect(fresh.body.recoveryCodes).toHaveLength(10);
    // The old codes stopped working.
    const old = await call("POST", "/v1/me/step-up", { recoveryCode: totp.recoveryCodes[1] }, two);
    expect(old.body.reason).toBe("second-factor-failed");
  });
});

describe("removing a factor", () => {
  it("needs the password or a code; the last one takes the recovery codes with it and sign-in is one step again", async () => {
    // A person of whom no factor is required (a platform administrator's last one stays: mfa-required.test.ts).
    const pat = (await createTenantWithPeople(h, { slug: "mfa-remove" })).people.tenant_member;
    const totp = await enrolTotp(h, pat, clock);
    const wrong = await call("POST", `/v1/me/second-factors/${totp.factorId}/remove`, { password: "not the password at all" }, pat);
    expect([wrong.status, wrong.body.reason]).toEqual([401, "reauth-failed"]);
    const other = world.people.district_reviewer;
    expect((await call("POST", `/v1/me/second-factors/${totp.factorId}/remove`, { password: fixturePassword }, other)).status).toBe(404);
    for (const body of [{}, { password: "" }, { password: fixturePassword, code: "123456" }, { code: "12\u00003456" }]) {
      expect([400, 422], JSON.stringify(body)).toContain((await call("POST", `/v1/me/second-factors/${totp.factorId}/remove`, body, pat)).status);
    }
    expect(await h.prisma.secondFactor.count({ where: { id: totp.factorId } })).toBe(1);

    const removed = await call("POST", `/v1/me/second-factors/${totp.factorId}/remove`, { code: totp.codeNow() }, pat);
    expect(removed.status).toBe(204);
    expect(await h.prisma.recoveryCode.count({ where: { userId: pat.user.id } })).toBe(0);
    expect((await signInAs(h, pat.user.email)).bearer).toMatch(/^tss_/);
    expect((await events("auth.second_factor_remove")).find((e) => e.actor.id === pat.user.id)?.data).toMatchObject({ provedWith: "totp", factorsLeft: 0 });
  });
});

describe("recovery after losing every factor", () => {
  it("an administrator who may manage the person approves a reset (with step-up), audited; the person signs in with the password again", async () => {
    const tenantAdmin = world.people.tenant_admin;
    const member = world.people.tenant_member;
    const memberTotp = await enrolTotp(h, member, clock);
    const reset = (who: SignedInPerson | string, userId: string) => call<{ factorsRemoved: number; sessionsEnded: number } & Problem>("POST", `/v1/users/${userId}/second-factors/reset`, undefined, who);

    // A password alone resets nobody's: the approver needs a factor of their own.
    expect((await reset(tenantAdmin, member.user.id)).body.reason).toBe("second-factor-required");
    await enrolTotp(h, tenantAdmin, clock);
    // Nobody resets their own, a member resets nobody, a tenant admin no one outside their tenant or above them.
    expect((await reset(tenantAdmin, tenantAdmin.user.id)).body.reason).toBe("own-factors");
    expect((await reset(member, tenantAdmin.user.id)).body.reason).toBe("permission-missing");
    const outsider = await newPerson();
    expect((await reset(tenantAdmin, outsider.user.id)).status).toBe(404);
    expect((await reset(tenantAdmin, "usr_nope\u0000")).status).toBe(404);
    expect(await h.prisma.secondFactor.count({ where: { userId: member.user.id } })).toBe(1);

    // An approver with a factor of their own steps up first.
    const approver = await newPerson();
    const approverTotp = await enrolTotp(h, approver, clock);
    clock.advance((assurancePolicy.stepUpFreshMinutes + 1) * 60_000);
    expect((await reset(approver, member.user.id)).body.reason).toBe("step-up-required");
    expect((await call("POST", "/v1/me/step-up", { code: approverTotp.codeNow() }, approver)).status).toBe(200);
    const done = await reset(approver, member.user.id);
    expect(done.status).toBe(200);
    expect(done.body.factorsRemoved).toBe(1);
    expect(await h.prisma.recoveryCode.count({ where: { userId: member.user.id } })).toBe(0);
    // Their sessions ended; the password alone signs them in, and the old codes are gone with the factor.
    expect((await call("GET", "/v1/me", undefined, member)).status).toBe(401);
    const again = await signInAs(h, member.user.email);
    expect((await call("POST", "/v1/me/step-up", { recoveryCode: memberTotp.recoveryCodes[0] }, again)).body.reason).toBe("no-second-factor");
    const audited = (await events("auth.second_factor_reset")).find((e) => e.target?.id === member.user.id);
    expect(audited?.actor.id).toBe(approver.user.id);
    expect(audited?.data).toMatchObject({ factorsRemoved: 1, stepUpFactor: "totp" });
    world.people.tenant_member = again;
  });
});
