// Requests refused over a license's quota, counted per license, hour and kind in memory and written in
// batches (tokens/license-hour-counts.ts), like token usage: the usage charts show them, and refusing a
// request costs no write.
import type { AccessPrisma } from "../../db/prisma";
import { createLicenseHourCounts } from "../tokens/license-hour-counts";

const quotaKinds = ["validations", "introspections", "grants"] as const;
export type QuotaKind = (typeof quotaKinds)[number];

export type RateLimitedCounts = {
  note(kind: QuotaKind, license: { licenseId: string; tenantId: string }, at: Date): void;
  flush(): Promise<number>;
  close(): Promise<void>;
};

export function createRateLimitedCounts(prisma: AccessPrisma, options: { flushIntervalMs?: number; onError?: (error: unknown) => void } = {}): RateLimitedCounts {
  const counts = createLicenseHourCounts(prisma, "license_rate_limited", quotaKinds, options);
  return { note: (kind, license, at) => counts.note(license, at, { [kind]: 1 }), flush: counts.flush, close: counts.close };
}
