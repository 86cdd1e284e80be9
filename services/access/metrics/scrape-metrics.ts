// The access service's product metrics read when Prometheus scrapes, not counted per request: outbox lag
// (one statement on the partial index of undelivered events, outbox_events_pending_idx), the change feed's
// health, and the validation and introspection caches' hits and misses (which the caches count already).
// A scrape whose outbox query fails reports those two as NaN rather than failing the whole of /metrics.
import { Counter, Gauge, type Registry } from "prom-client";
import type { ChangeFeed } from "../cache/change-feed";
import type { FactCache } from "../cache/fact-cache";
import type { AccessPrisma } from "../db/prisma";

/** Pending events are counted up to this many: the scrape stays cheap however large a backlog grows. */
export const outboxPendingCountCap = 100_000;

export type ScrapeSources = {
  prisma: AccessPrisma;
  /** Absent on the embedded database (no change notifications, no caches): no feed or cache series then. */
  feed?: Pick<ChangeFeed, "healthy"> | null;
  caches?: Partial<Record<"license" | "token" | "session", Pick<FactCache<unknown>, "stats"> | null>>;
};

export function installScrapeMetrics(registry: Registry, sources: ScrapeSources): void {
  installOutboxLag(registry, sources.prisma);
  const feed = sources.feed;
  if (feed) {
    new Gauge({
      name: "tessera_change_feed_up",
      help: "1 while the change feed delivers (the caches answer), 0 while it is down or catching up (every check reads the database)",
      registers: [registry],
      collect() {
        this.set(feed.healthy ? 1 : 0);
      },
    });
  }
  const caches = Object.entries(sources.caches ?? {}).filter((entry): entry is [string, Pick<FactCache<unknown>, "stats">] => entry[1] != null);
  if (!caches.length) return;
  new Counter({
    name: "tessera_cache_hits_total",
    help: "Lookups answered from the per-process cache, by cache (license validations, token introspections, sessions)",
    labelNames: ["cache"],
    registers: [registry],
    collect() {
      this.reset();
      for (const [cache, c] of caches) this.inc({ cache }, c.stats().hits);
    },
  });
  new Counter({
    name: "tessera_cache_misses_total",
    help: "Lookups the per-process cache could not answer (absent, stale, or bypassed while the change feed is down), read from the database, by cache",
    labelNames: ["cache"],
    registers: [registry],
    collect() {
      this.reset();
      for (const [cache, c] of caches) {
        const stats = c.stats();
        this.inc({ cache }, stats.misses + stats.bypassed);
      }
    },
  });
}

function installOutboxLag(registry: Registry, prisma: AccessPrisma): void {
  // One read per scrape, shared by the two gauges (the registry collects every metric at once).
  let pendingRead: Promise<{ pending: number; oldestAgeSeconds: number | null } | null> | null = null;
  const read = () =>
    (pendingRead ??= prisma.$queryRaw<{ pending: number; oldestAgeSeconds: number | null }[]>`
      SELECT (SELECT count(*)::int FROM (SELECT 1 FROM "outbox_events" WHERE "delivered_at" IS NULL LIMIT ${outboxPendingCountCap}) p) AS "pending",
             (SELECT EXTRACT(EPOCH FROM (now() - o."created_at"))::float8 FROM "outbox_events" o
               WHERE o."delivered_at" IS NULL ORDER BY o."created_at" LIMIT 1) AS "oldestAgeSeconds"`
      .then((rows) => rows[0] ?? null, () => null)
      .finally(() => setImmediate(() => (pendingRead = null))));
  new Gauge({
    name: "tessera_outbox_pending_events",
    help: `Audit events in the outbox not yet delivered to the audit service (counted up to ${outboxPendingCountCap})`,
    registers: [registry],
    async collect() {
      const lag = await read();
      this.set(lag ? lag.pending : Number.NaN);
    },
  });
  new Gauge({
    name: "tessera_outbox_oldest_pending_age_seconds",
    help: "Age of the oldest audit event not yet delivered to the audit service (0 when none waits)",
    registers: [registry],
    async collect() {
      const lag = await read();
      this.set(lag ? Math.max(0, lag.oldestAgeSeconds ?? 0) : Number.NaN);
    },
  });
}
