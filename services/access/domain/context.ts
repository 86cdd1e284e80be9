// What every access-service rule receives: the database, its keys and settings, and who asked.
import type { LicenseValidationCache } from "../cache/license-validation-cache";
import type { SessionCache } from "../cache/session-cache";
import type { TokenIntrospectionCache } from "../cache/token-introspection-cache";
import type { AccessPrisma } from "../db/prisma";
import type { StorageKeyring } from "../keys/storage-keyring";
import type { DataKeyCache } from "../keys/tenant-data-keys";
import type { AccessMetrics } from "../metrics/access-metrics";
import type { AuditClient } from "../outbox/deliver-batch";
import type { SignInThrottle } from "./auth/sign-in-throttle";
import type { SelfCheckSetup } from "./security-plan/run-self-checks";
import type { AccessRecord } from "./disclosures/access-record";
import type { TokenUsage } from "./tokens/token-usage";
import type { ValidationCounts } from "./licenses/validation-counts";
import type { LicenseQuotas } from "./quotas/license-quotas";
import type { Detector } from "../detector/detector";

export type AccessSettings = {
  publicUrl: string;
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  setupLinkMinutes: number;
  /** Days of notice a material change of the privacy policy or subprocessors gives districts (POLICY_NOTICE_DAYS). */
  policyNoticeDays: number;
};

export type AccessContext = {
  prisma: AccessPrisma;
  keys: { secretDigest: Buffer };
  /** Encrypts secrets at rest (license keys). */
  keyring: StorageKeyring;
  /** The keyring's file (rotations from the console add versions to it); null: given in ACCESS_KEYRING, fixed. */
  keyringFile: string | null;
  /** Tenants' data keys unwrapped once and held in memory (checked against their row on every use). */
  dataKeys: DataKeyCache;
  /** Folder of the access service's purpose-bound key files (signing keys live here too). */
  keysDir: string;
  /** Reads from the audit service (timelines); null where none is configured, e.g. some tests. */
  auditClient: AuditClient | null;
  settings: AccessSettings;
  throttle: SignInThrottle;
  /** Answers license validations without the database while its change feed is healthy; null: always the database. */
  licenseValidationCache: LicenseValidationCache | null;
  /** Answers token introspections without the database while the change feed is healthy; null: always the database. */
  tokenCache: TokenIntrospectionCache | null;
  /** Authenticates sign-in sessions without the database while the change feed is healthy; null: always the database. */
  sessionCache: SessionCache | null;
  /** Last-used times noted in memory and written in batches; null where nothing records use (some tests). */
  tokenUsage: TokenUsage | null;
  /** License validations counted per license and hour in memory and written in batches (the dashboard); null where nothing records them (some tests). */
  licenseValidations: ValidationCounts | null;
  /** Accesses to a district's data through its credentials, counted in memory and recorded in batches (the record of disclosures); null: not recorded. */
  accessRecord: AccessRecord | null;
  /** Licenses' request-rate quotas, counted per process and leased from a shared window budget; null: not enforced. */
  quotas: LicenseQuotas | null;
  /** Product metrics counted in memory on the hot paths (introspections, validations, grants, revocations, rate-limited refusals), served at /metrics. */
  metrics: AccessMetrics;
  /** The anomaly detector (services/access/detector): the hot paths push events to it, never awaiting; null: not running. */
  detector: Detector | null;
  /** The time license rules act at (effective status, validity, expiry): the system clock, moved by tests instead of sleeping. */
  now: () => Date;
  /** What the security plan's self-checks look at (security-plan/self-check-setup.ts); absent: run-now answers 503. */
  selfCheck?: SelfCheckSetup | null;
};

/** The request a rule acts for: carried into audit events. */
export type RequestMeta = {
  requestId: string;
  sourceIp: string | null;
  /** On a step-up route: the second factor whose fresh verification let the action through; audited. */
  stepUpFactor?: string;
};

export type TransactionClient = Parameters<Parameters<AccessPrisma["$transaction"]>[0]>[0];
