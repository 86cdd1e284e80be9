// Audits refused activations (seats-exhausted, a license's state, an unknown key) as "activation.refuse",
// suppressed per (caller, license, reason) and window like every refusal about a license
// (licenses/license-refusal-audit.ts), with the device's fingerprint. Written outside the refused
// transaction, which rolled back.
import type { RepeatSuppressorOptions } from "../../../common/http/repeat-suppressor";
import { createLicenseRefusalAudit, type LicenseRefusal } from "../licenses/license-refusal-audit";

export type ActivationRefusal = LicenseRefusal & { fingerprint: string };

export function createActivationRefusalAudit(options: RepeatSuppressorOptions = {}) {
  return createLicenseRefusalAudit<ActivationRefusal>("activation.refuse", (refusal) => ({ fingerprint: refusal.fingerprint }), options);
}
export type ActivationRefusalAudit = ReturnType<typeof createActivationRefusalAudit>;
