// The license lifecycle as pure rules: the effective status at a moment, and what each action turns a
// license into — or the 409/422 that refuses it. No I/O, so every transition is unit-tested.
import type { LicenseAction, LicenseConflictReason, LicenseStatus } from "../../../../contracts/license-api";
import { AppError } from "../../../common/http/app-error";

export type LicenseState = { status: LicenseStatus; endsAt: Date; tierId: string; seats: number };

/**
 * An active license past its end is expired at once, whether or not the sweep has flipped it yet.
 * A suspended one stays suspended (reinstating it then makes it expired), so suspension stays visible.
 */
export function effectiveStatus(state: { status: LicenseStatus; endsAt: Date }, now: Date): LicenseStatus {
  return state.status === "active" && state.endsAt <= now ? "expired" : state.status;
}

/** Live = counts towards "one live license per tenant and component": active or suspended, term not over. */
export function isLive(state: { status: LicenseStatus; endsAt: Date }, now: Date): boolean {
  return (state.status === "active" || state.status === "suspended") && state.endsAt > now;
}

export type ActionInput =
  | { action: "suspend" | "revoke" }
  /** `tierSeats`: the seats its tier allows now (it may have been edited while the license was suspended). */
  | { action: "reinstate"; tierSeats: number }
  | { action: "renew"; endsAt: Date }
  | { action: "change-tier"; tier: { id: string; seats: number } };

const conflict = (reason: LicenseConflictReason, detail: string) => new AppError("conflict", detail, { reason });

/** Revocation is final: every action on a revoked license is refused. */
export function assertNotRevoked(state: { status: LicenseStatus }): void {
  if (state.status === "revoked") throw conflict("license-revoked", "This license is revoked; revocation is final.");
}

/** The state after `input`, or throws. The resulting status is always an effective one. */
export function planLicenseAction(state: LicenseState, input: ActionInput, now: Date): LicenseState {
  assertNotRevoked(state);
  const from = effectiveStatus(state, now);
  const next: LicenseState = { ...state, status: from };
  switch (input.action) {
    case "suspend":
      if (from === "suspended") throw conflict("already-suspended", "This license is already suspended.");
      if (from === "expired") throw conflict("license-expired", "This license has expired; renew it instead.");
      return { ...next, status: "suspended" };
    case "reinstate":
      if (from !== "suspended") throw conflict("not-suspended", "Only a suspended license can be reinstated.");
      // Back to active under the rules of creation, like a change of tier: seats above the tier's are cut to it.
      if (state.endsAt <= now) return { ...next, status: "expired" };
      return { ...next, status: "active", seats: Math.min(state.seats, input.tierSeats) };
    case "renew": {
      if (input.endsAt <= state.endsAt || input.endsAt <= now) {
        throw new AppError("validation-failed", "The new end must be later than the current end and in the future.", {
          fieldErrors: { endsAt: ["Choose an end later than the current end and in the future."] },
        });
      }
      return { ...next, endsAt: input.endsAt, status: from === "expired" ? "active" : from };
    }
    case "change-tier":
      if (input.tier.id === state.tierId) throw conflict("same-tier", "This license is already on that tier.");
      return { ...next, tierId: input.tier.id, seats: Math.min(state.seats, input.tier.seats) };
    case "revoke":
      return { ...next, status: "revoked" };
  }
}

/** Audit action names per HTTP action. */
export const auditActionFor: Record<LicenseAction, string> = {
  suspend: "license.suspend",
  reinstate: "license.reinstate",
  renew: "license.renew",
  "change-tier": "license.change_tier",
  revoke: "license.revoke",
};
