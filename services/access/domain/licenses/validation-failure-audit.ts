// Audits license validation failures as "license.validate_failure", suppressed per (caller, license or
// unknown key, reason) and window like every refusal about a license (license-refusal-audit.ts); the scope
// asked for, when one was.
import type { RepeatSuppressorOptions } from "../../../common/http/repeat-suppressor";
import { createLicenseRefusalAudit, type LicenseRefusal } from "./license-refusal-audit";

export type ValidationFailure = LicenseRefusal & { scope: string | null };

export function createValidationFailureAudit(options: RepeatSuppressorOptions = {}) {
  return createLicenseRefusalAudit<ValidationFailure>("license.validate_failure", (failure) => (failure.scope ? { scope: failure.scope } : {}), options);
}
export type ValidationFailureAudit = ReturnType<typeof createValidationFailureAudit>;
