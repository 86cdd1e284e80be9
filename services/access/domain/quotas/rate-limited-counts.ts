// Requests refused over a license's quota, counted in memory per license, hour and kind and written in
// batches (one INSERT … ON CONFLICT per flush, adding to what other processes wrote), like token usage:
// the usage charts show them, and refusing a request costs no write.
import type { AccessPrisma } from "../../db/prisma";
import { periodicFlush } from "../tokens/periodic-flush";
import { hourOf } from "../tokens/usage-buckets";

const quotaKinds = ["validations", "introspections", "grants"] as const;
export type QuotaKind = (typeof quotaKinds)[number];

type Row = { licenseId: string; tenantId: string; bucket: number } & Record<QuotaKind, number>;

export type RateLimitedCounts = {
  note(kind: QuotaKind, license: { licenseId: string; tenantId: string }, at: Date): void;
  flush(): Promise<number>;
  close(): Promise<void>;
};

export function createRateLimitedCounts(prisma: AccessPrisma, options: { flushIntervalMs?: number; onError?: (error: unknown) => void } = {}): RateLimitedCounts {
  let pending = new Map<string, Row>();

  const add = (row: Omit<Row, QuotaKind>, counts: Partial<Record<QuotaKind, number>>) => {
    const key = `${row.licenseId} ${row.bucket}`;
    let held = pending.get(key);
    if (!held) pending.set(key, (held = { ...row, validations: 0, introspections: 0, grants: 0 }));
    for (const kind of quotaKinds) held[kind] += counts[kind] ?? 0;
  };

  const write = async () => {
    const rows = [...pending.values()];
    pending = new Map();
    if (!rows.length) return 0;
    const column = <K extends keyof Row>(key: K) => rows.map((r) => r[key]);
    try {
      await prisma.$executeRaw`
        INSERT INTO "license_rate_limited" ("license_id", "tenant_id", "bucket", "validations", "introspections", "grants")
        SELECT * FROM unnest(${column("licenseId")}::text[], ${column("tenantId")}::text[], ${rows.map((r) => new Date(r.bucket).toISOString())}::timestamptz[],
                             ${column("validations")}::int[], ${column("introspections")}::int[], ${column("grants")}::int[])
        ON CONFLICT ("license_id", "bucket") DO UPDATE SET
          "validations" = "license_rate_limited"."validations" + excluded."validations",
          "introspections" = "license_rate_limited"."introspections" + excluded."introspections",
          "grants" = "license_rate_limited"."grants" + excluded."grants"`;
    } catch (error) {
      for (const r of rows) add(r, r); // kept for the next flush
      throw error;
    }
    return rows.length;
  };

  const { flush, close } = periodicFlush(write, { intervalMs: options.flushIntervalMs ?? 30_000, onError: options.onError });
  return {
    note(kind, license, at) {
      add({ licenseId: license.licenseId, tenantId: license.tenantId, bucket: hourOf(at) }, { [kind]: 1 });
    },
    flush,
    close,
  };
}
