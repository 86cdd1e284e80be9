// Whether a license found for an activation or a heartbeat takes seats now: its own state refuses with
// the reasons validation gives (409 revoked, suspended, expired, not-yet-valid), and a token that named it
// must be active as introspection decides (tokenState: a token none of whose scopes the license still
// carries names nothing: 404 unknown-key). Release does not ask: a seat can always be given back.
import { AppError } from "../../../common/http/app-error";
import { failureReason } from "../licenses/validate-license";
import { tokenState } from "../tokens/token-state";
import { unknownLicense, type ActivationLicense } from "./activation-license";

type StateRefusal = "revoked" | "suspended" | "expired" | "not-yet-valid";
const licenseStateMessages: Record<StateRefusal, string> = {
  revoked: "The license is revoked; it takes no activations or heartbeats.",
  suspended: "The license is suspended; it takes no activations or heartbeats until it is reinstated.",
  expired: "The license has expired; it takes no activations or heartbeats.",
  "not-yet-valid": "The license has not started yet; it takes activations from its start.",
};

export function assertLicenseTakesSeats(license: ActivationLicense, now: Date): void {
  // Without a scope or fingerprint, only the license's own state can refuse.
  const refusal = failureReason({ ...license, scopes: [] }, undefined, now) as StateRefusal | null;
  if (refusal) throw new AppError("conflict", licenseStateMessages[refusal], { reason: refusal });
  if (license.token && !tokenState(license.token, license, now).active) {
    throw unknownLicense(`license ${license.id}: the token grants none of the license's scopes now`);
  }
}
