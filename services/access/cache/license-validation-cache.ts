// Per-process cache of what a license validation depends on, keyed by the key's digest, kept honest by
// the change feed (see fact-cache.ts). Validity against the clock is decided per request, so expiry
// needs no notification. Only found licenses are cached (random keys cannot fill it). The component's
// resource servers are part of the facts: registering or removing one notifies component:<id> (migration 0008).
import type { LicenseStatus } from "../../../contracts/license-api";
import { createFactCache, type CacheOptions, type FactCache } from "./fact-cache";

export type { CacheOptions, CacheStats } from "./fact-cache";

export type CachedLicense = {
  licenseId: string;
  tenantId: string;
  componentId: string;
  component: string;
  tierId: string;
  tier: string;
  status: LicenseStatus;
  startsAt: Date;
  endsAt: Date;
  scopes: string[];
  /** The license's request-rate quota: its own requests per minute, else its tier's. */
  requestsPerMinute: number;
  /** The tier's heartbeat window: an activation not seen for this long holds no seat. */
  heartbeatWindowMinutes: number;
  /** Certificate identities serving the license's component (resource servers), sorted; only they get an answer. */
  resourceServers: string[];
};

export type LicenseValidationCache = FactCache<CachedLicense>;

export function createLicenseValidationCache(options: CacheOptions): LicenseValidationCache {
  return createFactCache<CachedLicense>(options, (v) => [
    { kind: "license", id: v.licenseId },
    { kind: "tier", id: v.tierId },
    { kind: "component", id: v.componentId },
  ]);
}
