// A per-process cache of facts keyed by a secret's digest, kept honest by the change feed: each entry
// names the records it was read from (`touches`), and a notified change to any of them evicts it. It
// stores facts, never a time-evaluated answer, so expiry needs no notification. While the feed is
// unhealthy it is bypassed entirely. Shared by the license validation and token introspection caches.
import type { Change, ChangeKind } from "./change";
import type { ChangeFeed } from "./change-feed";
import { createRecentChanges } from "./recent-changes";

export type CacheStats = { size: number; hits: number; misses: number; bypassed: number; fills: number; refusedFills: number };

export type FactCache<V> = {
  /** Cached facts for a digest; undefined when absent, older than the safety TTL, or bypassed. */
  get(digest: string): V | undefined;
  /** Take before reading the database; null while bypassed (then do not `put`). */
  ticket(): number | null;
  /** Stores what was read, unless a change to it (or a reset) was notified since `ticket`. */
  put(ticket: number, digest: string, value: V): boolean;
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

type Entry<V> = { value: V; storedAt: number; touches: readonly Change[] };

export function createFactCache<V>(options: CacheOptions, touchesOf: (value: V) => readonly Change[]): FactCache<V> {
  const maxEntries = options.maxEntries ?? 100_000;
  const ttlMs = options.ttlMs ?? 300_000;
  const now = options.now ?? Date.now;
  const { feed } = options;
  const entries = new Map<string, Entry<V>>(); // insertion order = age
  const byRecord = new Map<ChangeKind, Map<string, Set<string>>>();
  const recent = createRecentChanges();
  const counts = { hits: 0, misses: 0, bypassed: 0, fills: 0, refusedFills: 0 };

  const indexOf = (kind: ChangeKind) => {
    let index = byRecord.get(kind);
    if (!index) byRecord.set(kind, (index = new Map()));
    return index;
  };
  const remove = (digest: string) => {
    const entry = entries.get(digest);
    if (!entry) return;
    entries.delete(digest);
    for (const t of entry.touches) {
      const index = byRecord.get(t.kind);
      const digests = index?.get(t.id);
      digests?.delete(digest);
      if (digests?.size === 0) index?.delete(t.id);
    }
  };
  const clear = () => {
    entries.clear();
    byRecord.clear();
  };
  const unsubscribe = feed.subscribe({
    change(change: Change) {
      recent.record(change);
      for (const digest of [...(byRecord.get(change.kind)?.get(change.id) ?? [])]) remove(digest);
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
      const touches = touchesOf(value);
      if (!feed.healthy || !recent.unchangedSince(ticket, touches)) {
        counts.refusedFills += 1;
        return false;
      }
      remove(digest);
      entries.set(digest, { value, storedAt: now(), touches });
      for (const t of touches) {
        const index = indexOf(t.kind);
        const digests = index.get(t.id) ?? new Set<string>();
        digests.add(digest);
        index.set(t.id, digests);
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
