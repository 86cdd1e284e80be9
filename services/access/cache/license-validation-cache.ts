// Per-process cache of what a license validation depends on, keyed by the key's digest, kept honest by
// the change feed. It stores facts (status, term, tier, scopes), never a time-evaluated answer: validity
// against the clock is decided per request, so expiry needs no notification. Only found licenses are
// cached (random keys cannot fill it). While the feed is unhealthy the cache is bypassed entirely.
import type { LicenseStatus } from "../../../contracts/license-api";
import type { Change } from "./change";
import type { ChangeFeed } from "./change-feed";
import { createRecentChanges } from "./recent-changes";

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
};

export type CacheStats = { size: number; hits: number; misses: number; bypassed: number; fills: number; refusedFills: number };

export type LicenseValidationCache = {
  /** Cached facts for a key digest; undefined when absent, older than the safety TTL, or bypassed. */
  get(digest: string): CachedLicense | undefined;
  /** Take before reading the database; null while bypassed (then do not `put`). */
  ticket(): number | null;
  /** Stores what was read, unless a change to it (or a reset) was notified since `ticket`. */
  put(ticket: number, digest: string, value: CachedLicense): boolean;
  stats(): CacheStats;
  close(): void;
};

export type CacheOptions = {
  feed: Pick<ChangeFeed, "healthy" | "subscribe">;
  /** Oldest entries are evicted beyond this. */
  maxEntries?: number;
  /** Safety net: entries are re-read after this even without a notification. */
  ttlMs?: number;
  now?: () => number;
};

type Entry = { value: CachedLicense; storedAt: number };

export function createLicenseValidationCache(options: CacheOptions): LicenseValidationCache {
  const maxEntries = options.maxEntries ?? 100_000;
  const ttlMs = options.ttlMs ?? 300_000;
  const now = options.now ?? Date.now;
  const { feed } = options;
  const entries = new Map<string, Entry>(); // insertion order = age
  const byId = { license: new Map<string, Set<string>>(), tier: new Map<string, Set<string>>(), component: new Map<string, Set<string>>() };
  const recent = createRecentChanges();
  const counts = { hits: 0, misses: 0, bypassed: 0, fills: 0, refusedFills: 0 };

  const indexKeys = (v: CachedLicense) => [
    [byId.license, v.licenseId],
    [byId.tier, v.tierId],
    [byId.component, v.componentId],
  ] as const;

  const remove = (digest: string) => {
    const entry = entries.get(digest);
    if (!entry) return;
    entries.delete(digest);
    for (const [index, id] of indexKeys(entry.value)) {
      const digests = index.get(id);
      digests?.delete(digest);
      if (digests?.size === 0) index.delete(id);
    }
  };
  const clear = () => {
    entries.clear();
    byId.license.clear();
    byId.tier.clear();
    byId.component.clear();
  };

  const unsubscribe = feed.subscribe({
    change(change: Change) {
      recent.record(change);
      for (const digest of [...(byId[change.kind].get(change.id) ?? [])]) remove(digest);
    },
    reset() {
      recent.recordReset();
      clear();
    },
  });

  return {
    get(digest) {
      if (!feed.healthy) {
        counts.bypassed += 1;
        return undefined;
      }
      const entry = entries.get(digest);
      if (!entry || now() - entry.storedAt >= ttlMs) {
        if (entry) remove(digest);
        counts.misses += 1;
        return undefined;
      }
      counts.hits += 1;
      return entry.value;
    },
    ticket: () => (feed.healthy ? recent.ticket() : null),
    put(ticket, digest, value) {
      if (!feed.healthy || !recent.unchangedSince(ticket, value)) {
        counts.refusedFills += 1;
        return false;
      }
      remove(digest);
      entries.set(digest, { value, storedAt: now() });
      for (const [index, id] of indexKeys(value)) {
        const digests = index.get(id) ?? new Set<string>();
        digests.add(digest);
        index.set(id, digests);
      }
      while (entries.size > maxEntries) {
        const oldest = entries.keys().next();
        if (oldest.done) break;
        remove(oldest.value);
      }
      counts.fills += 1;
      return true;
    },
    stats: () => ({ size: entries.size, ...counts }),
    close() {
      unsubscribe();
      clear();
    },
  };
}
