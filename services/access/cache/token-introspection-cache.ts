// Per-process cache of what a token introspection depends on, keyed by the token's digest: the token's
// facts and its license's (status, term, current scopes). Evicted by a change to the token, its license,
// the license's tier or component (see fact-cache.ts); bypassed while the change feed is unhealthy.
// Only found tokens are cached, so guessed tokens cannot fill it. The component's resource servers are
// part of the facts: registering or removing one notifies component:<id> (migration 0008).
import type { LicenseStatus } from "../../../contracts/license-api";
import { createFactCache, type CacheOptions, type FactCache } from "./fact-cache";

export type CachedToken = {
  tokenId: string;
  licenseId: string;
  tenantId: string;
  tierId: string;
  componentId: string;
  component: string;
  clientId: string | null;
  certThumbprint: string | null;
  scopes: string[];
  createdAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
  /** requestsPerMinute: the license's request-rate quota (its own, else its tier's). */
  license: { status: LicenseStatus; startsAt: Date; endsAt: Date; scopes: string[]; requestsPerMinute: number };
  /** Certificate identities serving the license's component (resource servers), sorted; only they get an answer. */
  resourceServers: string[];
};

export type TokenIntrospectionCache = FactCache<CachedToken>;

export function createTokenIntrospectionCache(options: CacheOptions): TokenIntrospectionCache {
  return createFactCache<CachedToken>(options, (v) => [
    { kind: "token", id: v.tokenId },
    { kind: "license", id: v.licenseId },
    { kind: "tier", id: v.tierId },
    { kind: "component", id: v.componentId },
  ]);
}
