// License validations counted in memory per license and hour — answered valid, or refused for a license
// that was found — and written in batches (one INSERT … ON CONFLICT per flush, adding to what other
// processes wrote), as token usage counts introspections: the dashboard charts them, and a validation
// costs no write. An unknown key, or a caller that does not serve the license's component, is not counted
// (it names no license of its own); a refusal over the request-rate quota is counted apart (quotas/).
import type { AccessPrisma } from "../../db/prisma";
import { periodicFlush } from "../tokens/periodic-flush";
import { hourOf } from "../tokens/usage-buckets";

type Row = { licenseId: string; tenantId: string; bucket: number; valid: number; refused: number };

export type ValidationCounts = {
  note(license: { licenseId: string; tenantId: string }, at: Date, answer: "valid" | "refused"): void;
  /** Writes what was noted; returns how many rows were written. */
  flush(): Promise<number>;
  /** Stops the timer and writes what is left. */
  close(): Promise<void>;
};

export function createValidationCounts(prisma: AccessPrisma, options: { flushIntervalMs?: number; onError?: (error: unknown) => void } = {}): ValidationCounts {
  let pending = new Map<string, Row>();

  const add = (row: Row) => {
    const key = `${row.licenseId} ${row.bucket}`;
    const held = pending.get(key);
    if (!held) pending.set(key, { ...row });
    else {
      held.valid += row.valid;
      held.refused += row.refused;
    }
  };

  const write = async () => {
    const rows = [...pending.values()];
    pending = new Map();
    if (!rows.length) return 0;
    const column = <K extends keyof Row>(key: K) => rows.map((r) => r[key]);
    try {
      await prisma.$executeRaw`
        INSERT INTO "license_validations" ("license_id", "tenant_id", "bucket", "valid", "refused")
        SELECT * FROM unnest(${column("licenseId")}::text[], ${column("tenantId")}::text[], ${rows.map((r) => new Date(r.bucket).toISOString())}::timestamptz[],
                             ${column("valid")}::int[], ${column("refused")}::int[])
        ON CONFLICT ("license_id", "bucket") DO UPDATE SET
          "valid" = "license_validations"."valid" + excluded."valid",
          "refused" = "license_validations"."refused" + excluded."refused"`;
    } catch (error) {
      for (const r of rows) add(r); // kept for the next flush
      throw error;
    }
    return rows.length;
  };

  const { flush, close } = periodicFlush(write, { intervalMs: options.flushIntervalMs ?? 30_000, onError: options.onError });
  return {
    note(license, at, answer) {
      add({ licenseId: license.licenseId, tenantId: license.tenantId, bucket: hourOf(at), valid: answer === "valid" ? 1 : 0, refused: answer === "refused" ? 1 : 0 });
    },
    flush,
    close,
  };
}
