// Where a license's window budget lives, for the per-process limiter (request-quota.ts) to lease slices
// from: in PostgreSQL, shared by every access process (one row per license, one statement per slice —
// never per request), or in memory for the embedded single-process database, where it is exact.
import type { AccessPrisma } from "../../db/prisma";

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
};

/** The shared store: tessera_lease_quota (migration 0015) locks the license's row, resets it for a new window and grants what is left. */
export function postgresLeaseStore(prisma: AccessPrisma): QuotaLeaseStore {
  return {
    async lease(licenseId, windowStart, want, limit) {
      const rows = await prisma.$queryRaw<Lease[]>`
        SELECT "granted", "leased" FROM tessera_lease_quota(${licenseId}, ${new Date(windowStart)}::timestamptz, ${want}::int, ${limit}::int)`;
      return rows[0] ?? { granted: 0, leased: limit };
    },
    async giveBack(licenseId, windowStart, count) {
      await prisma.$executeRaw`
        UPDATE "license_quota_windows" SET "leased" = GREATEST("leased" - ${count}::int, 0)
        WHERE "license_id" = ${licenseId} AND "window_start" = ${new Date(windowStart)}::timestamptz`;
    },
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
