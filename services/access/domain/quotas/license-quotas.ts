// What the hot paths ask (validation, introspection, the client-credentials grant): may this license make
// one more request now? The limiter decides (request-quota.ts); a refusal is counted for the usage charts and told to onRefused (the /metrics counter).
// Built once per process (server.ts); ctx.quotas is null when quotas are off.
import type { AccessPrisma } from "../../db/prisma";
import { memoryLeaseStore, postgresLeaseStore } from "./quota-lease-store";
import type { QuotaDecision } from "./rate-limit-fields";
import { createRateLimitedCounts, type QuotaKind, type RateLimitedCounts } from "./rate-limited-counts";
import { createRequestQuota, type QuotaOptions, type RequestQuota } from "./request-quota";

export type QuotaLicense = { licenseId: string; tenantId: string; requestsPerMinute: number };

export type LicenseQuotas = {
  check(kind: QuotaKind, license: QuotaLicense): QuotaDecision | Promise<QuotaDecision>;
  limiter: RequestQuota;
  rateLimited: RateLimitedCounts;
  close(): Promise<void>;
};

export type LicenseQuotaSetup = QuotaOptions & {
  /** "postgres": shared by every access process; "memory": one process (the embedded database), exact. */
  store: "postgres" | "memory";
  /** How often refusals are written (default 30 s). */
  flushIntervalMs?: number;
  /** Writing the refusals' counts failed (they are kept for the next flush). */
  onFlushError?: (error: unknown) => void;
  /** Each refusal, as it happens (the /metrics counter). */
  onRefused?: (kind: QuotaKind) => void;
};

export function createLicenseQuotas(prisma: AccessPrisma, now: () => Date, setup: LicenseQuotaSetup): LicenseQuotas {
  const limiter = createRequestQuota(setup.store === "postgres" ? postgresLeaseStore(prisma) : memoryLeaseStore(), now, setup);
  const rateLimited = createRateLimitedCounts(prisma, { flushIntervalMs: setup.flushIntervalMs, onError: setup.onFlushError });
  return {
    check(kind, license) {
      const settle = (d: QuotaDecision) => {
        if (!d.admitted) {
          rateLimited.note(kind, license, now());
          setup.onRefused?.(kind);
        }
        return d;
      };
      const decision = limiter.admit(license.licenseId, license.requestsPerMinute);
      return decision instanceof Promise ? decision.then(settle) : settle(decision);
    },
    limiter,
    rateLimited,
    async close() {
      await limiter.close();
      await rateLimited.close();
    },
  };
}
