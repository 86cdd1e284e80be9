// The access context every rule receives, built in one place: by the access service (server.ts) and by
// `tessera selfcheck` on the access host (security-plan/host-self-check.ts), so the two cannot drift.
import type { ValidationCacheRuntime } from "../cache/start-validation-cache";
import type { AccessPrisma } from "../db/prisma";
import type { StorageKeyring } from "../keys/storage-keyring";
import { createDataKeyCache } from "../keys/tenant-data-keys";
import { createAccessMetrics, type AccessMetrics } from "../metrics/access-metrics";
import type { AuditClient } from "../outbox/deliver-batch";
import { createSignInThrottle } from "./auth/sign-in-throttle";
import type { AccessContext, AccessSettings } from "./context";
import { createAccessRecord } from "./disclosures/access-record";
import { createLicenseQuotas, type LicenseQuotaSetup } from "./quotas/license-quotas";
import type { SelfCheckSetup } from "./security-plan/run-self-checks";
import { createValidationCounts } from "./licenses/validation-counts";
import { createTokenUsage } from "./tokens/token-usage";
import { createDetector, type DetectorOptions } from "../detector/detector";

export type AccessContextDeps = {
  prisma: AccessPrisma;
  secretDigestKey: Buffer;
  keyring: StorageKeyring;
  /** The keyring's file, which a rotation from the console adds a version to; null or absent: ACCESS_KEYRING (fixed). */
  keyringFile?: string | null;
  keysDir: string;
  auditClient?: AuditClient | null;
  settings: AccessSettings;
  /** The change feed's caches (services/access/cache/start-validation-cache.ts); absent: every check reads the database. */
  caches?: (Pick<ValidationCacheRuntime, "cache" | "tokenCache" | "sessionCache"> & Partial<Pick<ValidationCacheRuntime, "feed">>) | null;
  /**
   * Token last-used times and accesses to a district's data are counted in memory and written on timers
   * (default true); false for a one-off command, which serves no introspection and starts no timer.
   */
  periodicWrites?: boolean;
  /** How often noted last-used times and validation counts are written (default 30 s). */
  tokenUsageFlushMs?: number;
  /** Accesses to a district's data recorded for its record of disclosures (default on), and how often they are written (default 5 s). */
  accessRecord?: { enabled?: boolean; flushIntervalMs?: number };
  /** The clock of the license rules (default: the system's); tests pass one they move. */
  now?: () => Date;
  /** Request-rate quotas: where the window budgets live ("postgres" when several processes share the database, "memory" for one), or false/absent: not enforced. */
  quotas?: LicenseQuotaSetup | false;
  /** What the security plan's self-checks look at; absent: they cannot be run from this service. */
  selfCheck?: SelfCheckSetup | null;
  /** The hot paths' counters, on the registry /metrics serves (server.ts); absent: counted where nothing scrapes them. */
  metrics?: AccessMetrics;
  /** The anomaly detector: its options, or false/absent: not running (one-off commands, most tests). */
  detector?: DetectorOptions | false;
};

export function createAccessContext(deps: AccessContextDeps): AccessContext {
  const periodic = deps.periodicWrites !== false;
  const now = deps.now ?? (() => new Date());
  const metrics = deps.metrics ?? createAccessMetrics();
  const ctx: AccessContext = {
    prisma: deps.prisma,
    keys: { secretDigest: deps.secretDigestKey },
    keyring: deps.keyring,
    keyringFile: deps.keyringFile ?? null,
    dataKeys: createDataKeyCache(),
    keysDir: deps.keysDir,
    auditClient: deps.auditClient ?? null,
    settings: deps.settings,
    throttle: createSignInThrottle(deps.prisma),
    licenseValidationCache: deps.caches?.cache ?? null,
    tokenCache: deps.caches?.tokenCache ?? null,
    sessionCache: deps.caches?.sessionCache ?? null,
    tokenUsage: periodic ? createTokenUsage(deps.prisma, { flushIntervalMs: deps.tokenUsageFlushMs }) : null,
    licenseValidations: periodic ? createValidationCounts(deps.prisma, { flushIntervalMs: deps.tokenUsageFlushMs }) : null,
    accessRecord: periodic && deps.accessRecord?.enabled !== false ? createAccessRecord(deps.prisma, { flushIntervalMs: deps.accessRecord?.flushIntervalMs }) : null,
    quotas: deps.quotas ? createLicenseQuotas(deps.prisma, now, { ...deps.quotas, onRefused: (kind) => metrics.rateLimited(kind) }) : null,
    metrics,
    now,
    selfCheck: deps.selfCheck ?? null,
    detector: null,
  };
  // The detector acts through the same rules as people (suspend, throttle), so it needs the context it belongs to.
  if (deps.detector) ctx.detector = createDetector(ctx, deps.detector);
  return ctx;
}
