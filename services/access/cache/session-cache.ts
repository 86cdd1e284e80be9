// Per-process cache of what authenticating a sign-in session depends on, keyed by the session token's
// digest: the session's facts and its person's. Evicted by a change to the session (sign-out, any end)
// or to the person (removal, role or tenant change) or to their tenant's second-factor requirement — the same change feed and fact cache that keep
// token introspection honest (fact-cache.ts), so ending a session reaches every process as fast as
// revoking a token does. `lastSeenAt` is this process's own view of the idle clock: it only moves
// forward, so a stale value can make a session look idle (then it is re-read), never alive.
import type { Role } from "../../../contracts/access-api";
import { createFactCache, type CacheOptions, type FactCache } from "./fact-cache";

export type CachedSession = {
  sessionId: string;
  expiresAt: Date;
  endedAt: Date | null;
  lastSeenAt: Date;
  /** "aal1" or "aal2" (fixed at sign-in): bounds the idle timeout. */
  assuranceLevel: string;
  /** Set while the anomaly detector demands a fresh second factor of this session (cleared by a step-up). */
  stepUpDemandedAt: Date | null;
  /** The second factor last given in this session (at sign-in, a step-up or confirming a new factor); null: none yet. */
  secondFactorKind: string | null;
  user: {
    id: string; name: string; email: string; role: Role; tenantId: string | null; disabledAt: Date | null;
    /** Whether the person's tenant requires a second factor of its people (null: no tenant). */
    tenant: { secondFactorRequired: boolean } | null;
  };
};

export type SessionCache = FactCache<CachedSession>;

export function createSessionCache(options: CacheOptions): SessionCache {
  return createFactCache<CachedSession>(options, (v) => [
    { kind: "session", id: v.sessionId },
    { kind: "user", id: v.user.id },
    ...(v.user.tenantId ? [{ kind: "tenant" as const, id: v.user.tenantId }] : []),
  ]);
}
