// The numbers of Tessera's authentication assurance, in one place (NIST SP 800-63B-4, §2.2–2.3 and §5.2):
// a password alone is AAL1; a password and a second factor (TOTP: a "single-factor OTP device",
// something you have) is AAL2. NIST's reauthentication bounds: AAL1 at most 30 days; AAL2 at most
// 24 hours overall and 1 hour of inactivity. Tessera's configured session (SESSION_ABSOLUTE_HOURS,
// default 12; SESSION_IDLE_MINUTES, default 30) already sits inside both; an AAL2 session is held to
// the AAL2 bounds whatever is configured. Who must have a second factor at all is here too. Pure.
import type { Role } from "./access-api";

export const assuranceLevels = ["aal1", "aal2"] as const;
export type AssuranceLevel = (typeof assuranceLevels)[number];

export const assurancePolicy = {
  /** AAL2: the session's absolute lifetime is at most this (NIST: reauthenticate at least every 24 hours). */
  aal2MaxAbsoluteHours: 24,
  /** AAL2: at most this much inactivity (NIST: 1 hour); the configured idle timeout applies when shorter. */
  aal2MaxIdleMinutes: 60,
  /** A password sign-in waits this long for its second factor, then must start again. */
  pendingSignInMinutes: 5,
  /** Step-up: a second factor verified within this many minutes counts as fresh for the actions that ask for one. */
  stepUpFreshMinutes: 10,
  /** TOTP (RFC 6238): 30-second steps, 6 digits, SHA-1 (what every authenticator app reads from the QR code). */
  totp: { periodSeconds: 30, digits: 6, algorithm: "SHA1", /** Steps either side of now accepted for clock drift (RFC 6238 §5.2). */ window: 1 },
  /** A passkey (WebAuthn) challenge is answered within this many minutes, once (inside a pending sign-in's minutes). */
  passkeyChallengeMinutes: 3,
  /** Recovery codes issued at once; each is single use. */
  recoveryCodeCount: 10,
} as const;

/**
 * Who must sign in with a second factor (NIST AAL2): every platform administrator, and the people of a tenant
 * that requires it (tenant setting `secondFactorRequired`). Until such a person has given one in a session, the
 * session answers only what it takes to add or give a factor (route-policy.ts `addsSecondFactor`, `duringStepUpDemand`).
 */
export function secondFactorRequired(role: Role, tenantRequiresIt: boolean): boolean {
  return role === "platform_admin" || tenantRequiresIt;
}
