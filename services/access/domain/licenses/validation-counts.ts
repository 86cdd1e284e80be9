// License validations counted per license and hour — answered valid, or refused for a license that was
// found — in memory and written in batches (tokens/license-hour-counts.ts), as token usage counts
// introspections: the dashboard charts them, and a validation costs no write. An unknown key, or a caller
// that does not serve the license's component, is not counted (it names no license of its own); a refusal
// over the request-rate quota is counted apart (quotas/).
import type { AccessPrisma } from "../../db/prisma";
import { createLicenseHourCounts } from "../tokens/license-hour-counts";

export type ValidationCounts = {
  note(license: { licenseId: string; tenantId: string }, at: Date, answer: "valid" | "refused"): void;
  /** Writes what was noted; returns how many rows were written. */
  flush(): Promise<number>;
  /** Stops the timer and writes what is left. */
  close(): Promise<void>;
};

export function createValidationCounts(prisma: AccessPrisma, options: { flushIntervalMs?: number; onError?: (error: unknown) => void } = {}): ValidationCounts {
  const counts = createLicenseHourCounts(prisma, "license_validations", ["valid", "refused"] as const, options);
  return { note: (license, at, answer) => counts.note(license, at, { [answer]: 1 }), flush: counts.flush, close: counts.close };
}
