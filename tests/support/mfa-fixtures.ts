// Second factors for tests: enrol a person's authenticator through the real endpoints and compute its
// codes at the harness's clock (tests/support/test-clock.ts), so a test moves time instead of waiting.
import type { SecondFactorRequired } from "../../contracts/mfa-api";
import { totpCodeAt } from "../../services/access/domain/mfa/totp";
import type { AccessHarness } from "./start-access-service";
import { authorization, fixturePassword, type SignedInPerson } from "./tenant-fixtures";
import { createSoftwarePasskey, type SoftwarePasskey } from "./software-passkey";
import type { TestClock } from "./test-clock";

export type EnrolledTotp = { factorId: string; secret: string; recoveryCodes: string[]; codeNow(): string };

/** Adds and confirms an authenticator for `person`; returns its secret and the recovery codes shown once. */
export async function enrolTotp(h: AccessHarness, person: SignedInPerson, clock: TestClock, label = "Phone"): Promise<EnrolledTotp> {
  const web = await h.as("web");
  const started = await web.json<{ id: string; secret: string }>("POST", "/v1/me/second-factors/totp", { label }, authorization(person));
  if (started.status !== 201) throw new Error(`enrol failed with ${started.status}: ${JSON.stringify(started.body)}`);
  const { id, secret } = started.body;
  const confirmed = await web.json<{ recoveryCodes: string[] | null }>("POST", `/v1/me/second-factors/${id}/confirm`, { code: totpCodeAt(secret, clock.now()) }, authorization(person));
  if (confirmed.status !== 200) throw new Error(`confirm failed with ${confirmed.status}: ${JSON.stringify(confirmed.body)}`);
  // The confirming code's step is spent; the next code a test uses is the next step's.
  clock.advance(30_000);
  return { factorId: id, secret, recoveryCodes: confirmed.body.recoveryCodes ?? [], codeNow: () => totpCodeAt(secret, clock.now()) };
}

/**
 * Gives each person an authenticator app, added in their fixture session (which gives it there): what a person
 * needs before actions that ask for a fresh second factor (revealing a key, revoking all tokens, exporting
 * disclosures), fresh for the harness clock's next 10 minutes. Codes at the harness's own clock.
 */
export async function giveSecondFactor(h: AccessHarness, ...people: SignedInPerson[]): Promise<EnrolledTotp[]> {
  const harnessClock: TestClock = { now: () => h.ctx.now(), advance: () => undefined };
  const enrolled: EnrolledTotp[] = [];
  for (const person of people) enrolled.push(await enrolTotp(h, person, harnessClock));
  return enrolled;
}

/** The first step of sign-in for a person with a factor: the pending sign-in it answers. */
export async function beginSignIn(h: AccessHarness, email: string, password = fixturePassword): Promise<SecondFactorRequired> {
  const web = await h.as("web");
  const res = await web.json<SecondFactorRequired>("POST", "/v1/auth/sign-in", { email, password });
  if (res.status !== 200 || !res.body.secondFactorRequired) throw new Error(`expected a pending sign-in, got ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body;
}

/** The relying party the test harness's access service uses (its publicUrl, http://127.0.0.1:3000). */
export const harnessRelyingParty = { origin: "http://127.0.0.1:3000", rpId: "127.0.0.1" };

/** Adds a passkey for `person` through the real endpoints, answered by a software authenticator. */
export async function enrolPasskey(h: AccessHarness, person: SignedInPerson, label = "Laptop"): Promise<{ passkey: SoftwarePasskey; factorId: string; recoveryCodes: string[] | null }> {
  const web = await h.as("web");
  const options = await web.json<{ challenge: string }>("POST", "/v1/me/second-factors/passkey/options", undefined, authorization(person));
  if (options.status !== 200) throw new Error(`passkey options failed with ${options.status}: ${JSON.stringify(options.body)}`);
  const passkey = createSoftwarePasskey(harnessRelyingParty);
  const done = await web.json<{ factor: { id: string }; recoveryCodes: string[] | null }>("POST", "/v1/me/second-factors/passkey", { label, response: passkey.register(options.body) }, authorization(person));
  if (done.status !== 201) throw new Error(`passkey registration failed with ${done.status}: ${JSON.stringify(done.body)}`);
  return { passkey, factorId: done.body.factor.id, recoveryCodes: done.body.recoveryCodes };
}
