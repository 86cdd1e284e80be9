// Counters per license and hour, kept in memory and written in batches: one INSERT … ON CONFLICT per
// flush, adding to what other processes wrote, so counting costs no write on the path it counts. A
// failed flush keeps its rows for the next. Used for license validations (licenses/validation-counts.ts)
// and refusals over the request-rate quota (quotas/rate-limited-counts.ts); token usage has its own
// (token-usage.ts: per token, with last-used times).
import type { AccessPrisma } from "../../db/prisma";
import { Prisma } from "../../generated/prisma/client";
import { periodicFlush } from "./periodic-flush";
import { hourOf } from "./usage-buckets";

export type LicenseHourCounts<C extends string> = {
  note(license: { licenseId: string; tenantId: string }, at: Date, counts: Partial<Record<C, number>>): void;
  /** Writes what was noted; returns how many rows were written. */
  flush(): Promise<number>;
  /** Stops the timer and writes what is left. */
  close(): Promise<void>;
};

/**
 * `table` has ("license_id", "tenant_id", "bucket") with a unique (license_id, bucket) and one int column
 * per name in `columns` (both are this code's constants, never input).
 */
export function createLicenseHourCounts<C extends string>(
  prisma: AccessPrisma,
  table: string,
  columns: readonly C[],
  options: { flushIntervalMs?: number; onError?: (error: unknown) => void } = {},
): LicenseHourCounts<C> {
  type Row = { licenseId: string; tenantId: string; bucket: number; counts: Record<C, number> };
  let pending = new Map<string, Row>();

  const add = (key: Omit<Row, "counts">, counts: Partial<Record<C, number>>) => {
    const id = `${key.licenseId} ${key.bucket}`;
    let held = pending.get(id);
    if (!held) pending.set(id, (held = { ...key, counts: Object.fromEntries(columns.map((c) => [c, 0])) as Record<C, number> }));
    for (const c of columns) held.counts[c] += counts[c] ?? 0;
  };

  const name = (identifier: string) => Prisma.raw(`"${identifier}"`);
  const write = async () => {
    const rows = [...pending.values()];
    pending = new Map();
    if (!rows.length) return 0;
    try {
      await prisma.$executeRaw`
        INSERT INTO ${name(table)} ("license_id", "tenant_id", "bucket", ${Prisma.join(columns.map(name))})
        SELECT * FROM unnest(${rows.map((r) => r.licenseId)}::text[], ${rows.map((r) => r.tenantId)}::text[], ${rows.map((r) => new Date(r.bucket).toISOString())}::timestamptz[],
                             ${Prisma.join(columns.map((c) => Prisma.sql`${rows.map((r) => r.counts[c])}::int[]`))})
        ON CONFLICT ("license_id", "bucket") DO UPDATE SET
          ${Prisma.join(columns.map((c) => Prisma.raw(`"${c}" = "${table}"."${c}" + excluded."${c}"`)))}`;
    } catch (error) {
      for (const r of rows) add(r, r.counts); // kept for the next flush
      throw error;
    }
    return rows.length;
  };

  const { flush, close } = periodicFlush(write, { intervalMs: options.flushIntervalMs ?? 30_000, onError: options.onError });
  return {
    note(license, at, counts) {
      add({ licenseId: license.licenseId, tenantId: license.tenantId, bucket: hourOf(at) }, counts);
    },
    flush,
    close,
  };
}
