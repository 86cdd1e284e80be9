// Where a license's window budget lives, for the per-process limiter (request-quota.ts) to lease slices
// from: in PostgreSQL, shared by every access process (one row per license, one statement per slice or
// fewer — never per request), or in memory for the embedded single-process database, where it is exact.
import type { AccessPrisma } from "../../db/prisma";
import { coalesce } from "./coalesce";

export type Lease = {
  /** How many requests of the window this process may now admit. */
  granted: number;
  /** The window's budget leased out in total (every process), after this grant. */
  leased: number;
};

export type QuotaLeaseStore = {
  /** Up to `want` more of the window's `limit`; a row still on an earlier window starts afresh. */
  lease(licenseId: string, windowStart: number, want: number, limit: number): Promise<Lease>;
  /** Returns `count` unused requests of the window (ignored once the window has moved on). */
  giveBack(licenseId: string, windowStart: number, count: number): Promise<void>;
  /** Statements sent to the database so far (none for the memory store). */
  statements?(): number;
};

/**
 * The shared store: tessera_lease_quota (migration 0015) locks the license's row, resets it for a new window
 * and grants what is left. Leases (and give-backs) asked while one statement is in flight share the next
 * (coalesce.ts), in license order, so that two processes' batches lock rows in the same order (no deadlock).
 */
export function postgresLeaseStore(prisma: AccessPrisma): QuotaLeaseStore {
  type Ask = { licenseId: string; windowStart: number; want: number; limit: number };
  type Return = { licenseId: string; windowStart: number; count: number };
  /** Items with their places, in license order (then as asked): every batch locks rows in this order. */
  const byLicense = <T extends { licenseId: string }>(items: T[]) =>
    items.map((item, i) => ({ item, i })).sort((a, b) => (a.item.licenseId < b.item.licenseId ? -1 : a.item.licenseId > b.item.licenseId ? 1 : a.i - b.i));
  const column = <T, K extends keyof T>(rows: { item: T }[], key: K) => rows.map((r) => r.item[key]);
  const windows = <T extends { windowStart: number }>(rows: { item: T }[]) => rows.map((r) => new Date(r.item.windowStart).toISOString());

  const leases = coalesce<Ask, Lease>(async (asks) => {
    const sorted = byLicense(asks);
    const rows = await prisma.$queryRaw<(Lease & { n: bigint })[]>`
      SELECT r."n", q."granted", q."leased"
      FROM unnest(${column(sorted, "licenseId")}::text[], ${windows(sorted)}::timestamptz[], ${column(sorted, "want")}::int[], ${column(sorted, "limit")}::int[])
           WITH ORDINALITY AS r("license_id", "window_start", "want", "lim", "n")
      CROSS JOIN LATERAL tessera_lease_quota(r."license_id", r."window_start", r."want", r."lim") q
      ORDER BY r."n"`;
    const out: Lease[] = new Array(asks.length);
    sorted.forEach(({ item, i }, k) => {
      const row = rows[k];
      out[i] = row ? { granted: row.granted, leased: row.leased } : { granted: 0, leased: item.limit };
    });
    return out;
  });

  const givebacks = coalesce<Return, void>(async (returns) => {
    const sorted = byLicense(returns);
    await prisma.$executeRaw`
      WITH r AS (
        SELECT "license_id", "window_start", sum("count")::int AS "count"
        FROM unnest(${column(sorted, "licenseId")}::text[], ${windows(sorted)}::timestamptz[], ${column(sorted, "count")}::int[]) AS u("license_id", "window_start", "count")
        GROUP BY 1, 2
      ), locked AS (
        SELECT q."license_id" FROM "license_quota_windows" q JOIN r USING ("license_id", "window_start")
        ORDER BY q."license_id" FOR UPDATE OF q
      )
      UPDATE "license_quota_windows" q SET "leased" = GREATEST(q."leased" - r."count", 0)
      FROM r, locked
      WHERE q."license_id" = r."license_id" AND q."window_start" = r."window_start" AND locked."license_id" = q."license_id"`;
    return returns.map(() => undefined);
  });

  return {
    lease: (licenseId, windowStart, want, limit) => leases.call({ licenseId, windowStart, want, limit }),
    giveBack: (licenseId, windowStart, count) => givebacks.call({ licenseId, windowStart, count }),
    statements: () => leases.statements() + givebacks.statements(),
  };
}

/** One process, no database: the same rules on a map, so the embedded default is exact. */
export function memoryLeaseStore(): QuotaLeaseStore {
  const rows = new Map<string, { windowStart: number; leased: number }>();
  return {
    async lease(licenseId, windowStart, want, limit) {
      let row = rows.get(licenseId);
      if (!row || row.windowStart < windowStart) rows.set(licenseId, (row = { windowStart, leased: 0 }));
      const granted = Math.max(0, Math.min(want, limit - row.leased));
      row.leased += granted;
      return { granted, leased: row.leased };
    },
    async giveBack(licenseId, windowStart, count) {
      const row = rows.get(licenseId);
      if (row && row.windowStart === windowStart) row.leased = Math.max(0, row.leased - count);
    },
  };
}
