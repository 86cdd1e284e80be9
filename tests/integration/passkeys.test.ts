// Passkeys (WebAuthn) as a second factor at the access service, over real mTLS against PostgreSQL, with
// a software authenticator (tests/support/software-passkey.ts): adding one on the Security page, the
// second step of sign-in and step-up with it (offered first), and refused: a replayed or borrowed
// challenge, another person's credential, the wrong origin or RP id, a counter going back, malformed input.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Problem } from "../../contracts/problem";
import { createLicenseCatalogue, insertLicenseRow, recordedEvents, type LicenseCatalogue } from "../support/license-fixtures";
import { beginSignIn, enrolPasskey, harnessRelyingParty } from "../support/mfa-fixtures";
import { createSoftwarePasskey, type SoftwarePasskey } from "../support/software-passkey";
import { startAccessService, type AccessHarness } from "../support/start-access-service";
import { authorization, createNewPlatformAdmin, createTenantWithPeople, fixturePassword, type SignedInPerson, type TenantWithPeople } from "../support/tenant-fixtures";
import { createTestClock } from "../support/test-clock";
import { assurancePolicy } from "../../contracts/assurance-levels";

const clock = createTestClock();
let h: AccessHarness;
let world: TenantWithPeople;
let catalogue: LicenseCatalogue;

beforeAll(async () => {
  h = await startAccessService("passkeys", {}, { now: clock.now });
  world = await createTenantWithPeople(h, { slug: "passkeys" });
  catalogue = await createLicenseCatalogue(h, "passkeys");
});
afterAll(async () => h?.close());

const call = async <T = Problem>(method: "GET" | "POST", path: string, body: unknown, who?: SignedInPerson | string) =>
  (await h.as("web")).json<T>(method, path, body, who ? authorization(who) : {});
const complete = (pendingToken: string, proof: Record<string, unknown>) => call<{ sessionToken: string; user: { id: string } } & Problem>("POST", "/v1/auth/second-factor", { pendingToken, ...proof });
const signInOptions = (pendingToken: string) => call<{ challenge: string; allowCredentials: { id: string }[]; rpId: string } & Problem>("POST", "/v1/auth/second-factor/passkey-options", { pendingToken });
const events = async (action: string) => (await recordedEvents(h)).filter((e) => e.action === action);
let people = 0;
const newPerson = async () => createNewPlatformAdmin(h, `passkey-person-${++people}@vendor.example`);

/** Password, then the passkey: the AAL2 session's token. */
async function signInWithPasskey(pat: SignedInPerson, passkey: SoftwarePasskey): Promise<string> {
  const pending = await beginSignIn(h, pat.user.email);
  const options = await signInOptions(pending.pendingToken);
  const done = await complete(pending.pendingToken, { passkey: passkey.assert(options.body) });
  expect(done.status, JSON.stringify(done.body)).toBe(200);
  return done.body.sessionToken;
}

describe("adding a passkey", () => {
  it("registers with a challenge bound to the session, stores id, public key, counter and transports, and comes with recovery codes", async () => {
    const pat = await newPerson();
    const { passkey, factorId, recoveryCodes } = await enrolPasskey(h, pat, "Laptop");
    expect(recoveryCodes).toHaveLength(assurancePolicy.recoveryCodeCount);
    const row = await h.prisma.secondFactor.findUniqueOrThrow({ where: { id: factorId } });
    expect(row).toMatchObject({ kind: "passkey", label: "Laptop", credentialId: passkey.credentialId, signCount: 0n, transports: ["internal"] });
    expect((await h.prisma.secondFactor.findUniqueOrThrow({ where: { id: factorId }, omit: { secretCiphertext: false } })).secretCiphertext).toBeNull();
    expect(row.publicKey).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(row.confirmedAt).not.toBeNull();
    const listed = await call<{ factors: { id: string; kind: string }[] }>("GET", "/v1/me/second-factors", undefined, pat);
    expect(listed.body.factors).toEqual([expect.objectContaining({ id: factorId, kind: "passkey" })]);
    expect(JSON.stringify(listed.body)).not.toContain(row.publicKey!);
    expect((await events("auth.second_factor_add")).find((e) => e.actor.id === pat.user.id)?.data).toMatchObject({ kind: "passkey" });
    // The same authenticator is excluded from the next registration's options.
    const next = await call<{ excludeCredentials: { id: string }[]; rp: { id: string } }>("POST", "/v1/me/second-factors/passkey/options", undefined, pat);
    expect(next.body.excludeCredentials.map((c) => c.id)).toEqual([passkey.credentialId]);
    expect(next.body.rp.id).toBe(harnessRelyingParty.rpId);
  });

  it("refuses a replayed challenge, another session's challenge, the wrong origin or RP id and malformed input, changing nothing", async () => {
    const pat = await newPerson();
    const other = await newPerson();
    const options = async (who: SignedInPerson) => (await call<{ challenge: string }>("POST", "/v1/me/second-factors/passkey/options", undefined, who)).body;
    const register = (who: SignedInPerson, response: unknown) => call("POST", "/v1/me/second-factors/passkey", { label: "Key", response }, who);

    const wrongOrigin = await register(pat, createSoftwarePasskey(harnessRelyingParty).register(await options(pat), { origin: "https://evil.example" }));
    expect([wrongOrigin.status, wrongOrigin.body.reason]).toEqual([422, "second-factor-failed"]);
    const wrongRp = await register(pat, createSoftwarePasskey(harnessRelyingParty).register(await options(pat), { rpId: "evil.example" }));
    expect([wrongRp.status, wrongRp.body.reason]).toEqual([422, "second-factor-failed"]);
    // A challenge issued to another person's session.
    const borrowed = await register(pat, createSoftwarePasskey(harnessRelyingParty).register(await options(other)));
    expect([borrowed.status, borrowed.body.reason]).toEqual([422, "second-factor-failed"]);
    // A made-up challenge.
    const forged = await register(pat, createSoftwarePasskey(harnessRelyingParty).register({ challenge: "bm90LWlzc3VlZA" }));
    expect(forged.status).toBe(422);
    for (const body of [{}, { label: "Key" }, { label: "", response: {} }, { label: "Key", response: { id: "a b", rawId: "x", type: "public-key", response: {} } }, { label: "Key", response: "nope" }]) {
      const res = await call("POST", "/v1/me/second-factors/passkey", body, pat);
      expect([400, 422], JSON.stringify(body)).toContain(res.status);
    }
    expect(await h.prisma.secondFactor.count({ where: { userId: { in: [pat.user.id, other.user.id] } } })).toBe(0);

    const good = await options(pat);
    const key = createSoftwarePasskey(harnessRelyingParty);
    expect((await register(pat, key.register(good))).status).toBe(201);
    // The same challenge answered again (even by another key) registers nothing.
    const replayed = await register(pat, createSoftwarePasskey(harnessRelyingParty).register(good));
    expect([replayed.status, replayed.body.reason]).toEqual([422, "second-factor-failed"]);
    expect(await h.prisma.secondFactor.count({ where: { userId: pat.user.id } })).toBe(1);
  });

  it("refuses registration without a session", async () => {
    expect((await call("POST", "/v1/me/second-factors/passkey/options", undefined)).status).toBe(401);
  });
});

describe("signing in with a passkey", () => {
  it("is offered first; the password gives a pending sign-in, the passkey an AAL2 session audited with factor passkey", async () => {
    const pat = await newPerson();
    const { passkey } = await enrolPasskey(h, pat);
    const pending = await beginSignIn(h, pat.user.email);
    expect(pending.factors).toEqual(["passkey", "recovery-code"]);
    const options = await signInOptions(pending.pendingToken);
    expect(options.status).toBe(200);
    expect(options.body.allowCredentials.map((c) => c.id)).toEqual([passkey.credentialId]);
    expect(options.body.rpId).toBe(harnessRelyingParty.rpId);
    const done = await complete(pending.pendingToken, { passkey: passkey.assert(options.body) });
    expect(done.status).toBe(200);
    expect((await call("GET", "/v1/me", undefined, done.body.sessionToken)).status).toBe(200);
    const session = await h.prisma.session.findFirstOrThrow({ where: { userId: pat.user.id, assuranceLevel: "aal2" } });
    expect(session.secondFactorKind).toBe("passkey");
    expect((await events("auth.sign_in")).find((e) => e.actor.id === pat.user.id && e.data.assurance === "aal2")?.data).toMatchObject({ factor: "passkey" });
    expect((await events("auth.second_factor")).find((e) => e.actor.id === pat.user.id && e.outcome === "success")?.data).toMatchObject({ purpose: "sign-in", factor: "passkey" });
    expect((await h.prisma.secondFactor.findFirstOrThrow({ where: { userId: pat.user.id } })).signCount).toBe(1n);
  });

  // Each refusal counts against the account's throttle like a wrong password; a fresh person per few refusals.
  const refusals = async () => {
    const pat = await newPerson();
    const { passkey } = await enrolPasskey(h, pat);
    const refused = async (proof: unknown, pendingToken?: string) => {
      const res = await complete(pendingToken ?? (await beginSignIn(h, pat.user.email)).pendingToken, { passkey: proof });
      expect([res.status, res.body.reason], JSON.stringify(res.body)).toEqual([401, "second-factor-failed"]);
      expect(res.body.fieldErrors?.passkey).toBeDefined();
    };
    const reasons = async () => (await events("auth.second_factor")).filter((e) => e.actor.id === pat.user.id && e.outcome === "failure").map((e) => e.data.reason);
    const aal2Sessions = () => h.prisma.session.count({ where: { userId: pat.user.id, assuranceLevel: "aal2" } });
    return { pat, passkey, refused, reasons, aal2Sessions };
  };

  it("refuses a replayed answer, a challenge of another pending sign-in, and a counter going back", async () => {
    const { pat, passkey, refused, reasons, aal2Sessions } = await refusals();
    // Replay: the same signed answer (and its challenge) for a second pending sign-in.
    const first = await beginSignIn(h, pat.user.email);
    const answer = passkey.assert((await signInOptions(first.pendingToken)).body);
    expect((await complete(first.pendingToken, { passkey: answer })).status).toBe(200);
    await refused(answer);
    // A challenge issued to one pending sign-in completes no other.
    const a = await beginSignIn(h, pat.user.email);
    const b = await beginSignIn(h, pat.user.email);
    await refused(passkey.assert((await signInOptions(a.pendingToken)).body), b.pendingToken);
    // A counter not above the stored one: a cloned authenticator.
    const stored = Number((await h.prisma.secondFactor.findFirstOrThrow({ where: { userId: pat.user.id } })).signCount);
    const clone = await beginSignIn(h, pat.user.email);
    await refused(passkey.assert((await signInOptions(clone.pendingToken)).body, { counter: stored }), clone.pendingToken);
    expect(await reasons()).toEqual(["replayed", "replayed", "wrong-code"]);
    expect(await aal2Sessions()).toBe(1);
  });

  it("refuses the wrong origin, the wrong RP id and an expired challenge", async () => {
    const { pat, passkey, refused, reasons, aal2Sessions } = await refusals();
    const wrongOrigin = await beginSignIn(h, pat.user.email);
    await refused(passkey.assert((await signInOptions(wrongOrigin.pendingToken)).body, { origin: "https://evil.example" }), wrongOrigin.pendingToken);
    const wrongRp = await beginSignIn(h, pat.user.email);
    await refused(passkey.assert((await signInOptions(wrongRp.pendingToken)).body, { rpId: "evil.example" }), wrongRp.pendingToken);
    const late = await beginSignIn(h, pat.user.email);
    const lateOptions = (await signInOptions(late.pendingToken)).body;
    expect(assurancePolicy.passkeyChallengeMinutes).toBeLessThan(assurancePolicy.pendingSignInMinutes);
    clock.advance(assurancePolicy.passkeyChallengeMinutes * 60_000 + 1_000);
    await refused(passkey.assert(lateOptions), late.pendingToken);
    expect(await reasons()).toEqual(["wrong-code", "wrong-code", "replayed"]);
    expect(await aal2Sessions()).toBe(0);
  });

  it("refuses another person's credential, even answering a challenge the other person was given", async () => {
    const pat = await newPerson();
    const sam = await newPerson();
    await enrolPasskey(h, pat);
    const { passkey: samsKey } = await enrolPasskey(h, sam);
    const pending = await beginSignIn(h, pat.user.email);
    const res = await complete(pending.pendingToken, { passkey: samsKey.assert((await signInOptions(pending.pendingToken)).body) });
    expect([res.status, res.body.reason]).toEqual([401, "second-factor-failed"]);
    const samsPending = await beginSignIn(h, sam.user.email);
    const crossed = await complete(pending.pendingToken, { passkey: samsKey.assert((await signInOptions(samsPending.pendingToken)).body) });
    expect([crossed.status, crossed.body.reason]).toEqual([401, "second-factor-failed"]);
    expect(await h.prisma.session.count({ where: { userId: pat.user.id, assuranceLevel: "aal2" } })).toBe(0);
  });

  it("refuses malformed answers and options for an unknown pending sign-in or a person with no passkey", async () => {
    const pat = await newPerson();
    const { passkey } = await enrolPasskey(h, pat);
    const pending = await beginSignIn(h, pat.user.email);
    const good = passkey.assert((await signInOptions(pending.pendingToken)).body);
    for (const proof of [{}, "x", { ...good, type: "other" }, { ...good, response: { ...good.response, signature: "not base64url!" } }, { ...good, id: "a".repeat(2000) }, { ...good, response: { ...good.response, clientDataJSON: "AAAA" } }]) {
      const res = await complete(pending.pendingToken, { passkey: proof });
      expect([400, 401, 422], JSON.stringify(proof).slice(0, 80)).toContain(res.status);
    }
    expect((await signInOptions("tsp_unknown")).body.reason).toBe("pending-sign-in-invalid");
    expect((await call("POST", "/v1/auth/second-factor/passkey-options", {})).status).toBe(422);
    const plain = await newPerson();
    expect((await call<{ sessionToken?: string }>("POST", "/v1/auth/sign-in", { email: plain.user.email, password: fixturePassword })).body.sessionToken).toBeDefined();
    expect((await call("POST", "/v1/me/step-up/passkey-options", undefined, plain)).body.reason).toBe("no-passkey");
    expect(await h.prisma.session.count({ where: { userId: pat.user.id, assuranceLevel: "aal2" } })).toBe(0);
  });
});

describe("step-up with a passkey", () => {
  it("reveals a key after a fresh passkey; the audit event records factor passkey; a challenge of another session is refused", async () => {
    const pat = await newPerson();
    const { passkey } = await enrolPasskey(h, pat);
    const bearer = await signInWithPasskey(pat, passkey);
    const other = await signInWithPasskey(pat, passkey);
    const license = await insertLicenseRow(h, { tenantId: world.tenant.id, componentId: catalogue.reports.id, tierId: catalogue.basic.id });
    const reveal = () => call<{ key?: string } & Problem>("POST", `/v1/licenses/${license.id}/reveal-key`, { password: fixturePassword }, bearer);
    clock.advance((assurancePolicy.stepUpFreshMinutes + 1) * 60_000);
    expect((await reveal()).body.reason).toBe("step-up-required");

    const stepUpOptions = async (who: string) => (await call<{ challenge: string }>("POST", "/v1/me/step-up/passkey-options", undefined, who)).body;
    // A challenge issued to the person's other session does not step this one up.
    const borrowed = await call("POST", "/v1/me/step-up", { passkey: passkey.assert(await stepUpOptions(other)) }, bearer);
    expect([borrowed.status, borrowed.body.reason]).toEqual([401, "second-factor-failed"]);
    // Nor a sign-in's challenge.
    const signInChallenge = (await signInOptions((await beginSignIn(h, pat.user.email)).pendingToken)).body;
    expect((await call("POST", "/v1/me/step-up", { passkey: passkey.assert(signInChallenge) }, bearer)).status).toBe(401);
    expect((await reveal()).status).toBe(403);

    const answer = passkey.assert(await stepUpOptions(bearer));
    const stepped = await call<{ factor: string }>("POST", "/v1/me/step-up", { passkey: answer }, bearer);
    expect([stepped.status, stepped.body.factor]).toEqual([200, "passkey"]);
    expect((await reveal()).body.key).toBe(license.key);
    const reveals = (await recordedEvents(h, license.id)).filter((e) => e.action === "license.key_reveal" && e.outcome === "success");
    expect(reveals.map((e) => e.data.stepUpFactor)).toEqual(["passkey"]);
    // Replayed step-up answer.
    const replay = await call("POST", "/v1/me/step-up", { passkey: answer }, bearer);
    expect([replay.status, replay.body.reason]).toEqual([401, "second-factor-failed"]);
  });
});
