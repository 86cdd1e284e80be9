// A token's effective state, decided per request from stored facts (never cached as an answer): its own
// revocation and expiry, its license's state now, and its scopes narrowed to what the license carries
// now — so suspension stops it, reinstatement brings it back, and a tier change drops scopes at once.
import type { LicenseStatus } from "../../../../contracts/license-api";
import type { TokenStatus } from "../../../../contracts/token-api";

export type TokenFacts = { expiresAt: Date; revokedAt: Date | null; scopes: readonly string[] };
export type LicenseFacts = { status: LicenseStatus; startsAt: Date; endsAt: Date; scopes: readonly string[] };

export type TokenState = {
  /** The token's own state, whatever its license. */
  status: TokenStatus;
  licenseActive: boolean;
  /** True when the token grants anything now. */
  active: boolean;
  /** The token's scopes the license still carries, in the token's order; [] unless active. */
  scopes: string[];
};

/** The token's own status: revoked wins over expired. */
export function tokenStatus(token: Pick<TokenFacts, "expiresAt" | "revokedAt">, now: Date): TokenStatus {
  if (token.revokedAt && token.revokedAt <= now) return "revoked";
  if (token.expiresAt <= now) return "expired";
  return "active";
}

/** Whether a license grants anything now: active status and within its term (an overdue one is expired). */
export function licenseActiveNow(license: Omit<LicenseFacts, "scopes">, now: Date): boolean {
  return license.status === "active" && license.startsAt <= now && license.endsAt > now;
}

export function tokenState(token: TokenFacts, license: LicenseFacts, now: Date): TokenState {
  const status = tokenStatus(token, now);
  const licenseActive = licenseActiveNow(license, now);
  const granted = new Set(license.scopes);
  const scopes = status === "active" && licenseActive ? token.scopes.filter((s) => granted.has(s)) : [];
  // A token none of whose scopes survive a tier change grants nothing, so it answers inactive.
  return { status, licenseActive, active: scopes.length > 0, scopes };
}
