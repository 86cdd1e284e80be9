// The sequence model's training history, recorded as the detector consumes its batches: each event's
// principal, time and key, held in memory and written in one statement every few seconds (never on a
// request's path; a full buffer drops the newest and counts them), in detector_key_history. Bounded: each
// kind keeps its newest `rowsPerKind` rows and nothing older than `maxAgeDays`, pruned every few minutes.
import type { AccessPrisma } from "../../db/prisma";
import { sequenceKinds, type SequenceKind } from "./event-keys";

export type KeyHistoryLimits = {
  /** Rows each kind of principal keeps (the newest): what one training reads at most. */
  rowsPerKind: number;
  maxAgeDays: number;
  /** Rows held in memory between writes; beyond, new ones are dropped (and counted). */
  maxPending: number;
  flushMs: number;
  pruneMs: number;
};
export const keyHistoryLimits: KeyHistoryLimits = { rowsPerKind: 200_000, maxAgeDays: 30, maxPending: 20_000, flushMs: 2_000, pruneMs: 10 * 60_000 };

export type KeyHistory = {
  record(kind: SequenceKind, principalId: string, at: number, key: string): void;
  /** Writes what is held when it is time (or `force`: closing), and prunes when that is due. */
  flush(force?: boolean): Promise<void>;
  stats(): { pending: number; dropped: number; written: number };
};

export function createKeyHistory(prisma: AccessPrisma, limits: Partial<KeyHistoryLimits> = {}, now: () => number = Date.now): KeyHistory {
  const l = { ...keyHistoryLimits, ...limits };
  let pending: { kind: string; id: string; at: number; key: string }[] = [];
  let dropped = 0;
  let written = 0;
  let flushedAt = now();
  let prunedAt = now();
  return {
    record(kind, id, at, key) {
      if (pending.length >= l.maxPending) dropped++;
      else pending.push({ kind, id, at, key });
    },
    async flush(force = false) {
      if (!force && now() - flushedAt < l.flushMs) return;
      flushedAt = now();
      const rows = pending;
      pending = [];
      if (rows.length) {
        await prisma.$executeRaw`
          INSERT INTO "detector_key_history" ("kind", "principal_id", "at", "key")
          SELECT r.kind, r.id, to_timestamp(r.at / 1000.0), r.key
          FROM unnest(${rows.map((r) => r.kind)}::text[], ${rows.map((r) => r.id)}::text[], ${rows.map((r) => r.at)}::float8[], ${rows.map((r) => r.key)}::text[]) AS r(kind, id, at, key)`;
        written += rows.length;
      }
      if (now() - prunedAt >= l.pruneMs) {
        prunedAt = now();
        await pruneKeyHistory(prisma, l, now());
      }
    },
    stats: () => ({ pending: pending.length, dropped, written }),
  };
}

/** Drops each kind's rows beyond its newest `rowsPerKind`, and every row older than `maxAgeDays`. */
export async function pruneKeyHistory(prisma: AccessPrisma, l: Pick<KeyHistoryLimits, "rowsPerKind" | "maxAgeDays">, at: number): Promise<void> {
  await prisma.$executeRaw`DELETE FROM "detector_key_history" WHERE "at" < ${new Date(at - l.maxAgeDays * 86_400_000)}`;
  // The id of each kind's rowsPerKind-th newest row: everything of that kind below it goes.
  await prisma.$executeRaw`
    DELETE FROM "detector_key_history" h USING (
      SELECT k.kind, (SELECT "id" FROM "detector_key_history" WHERE "kind" = k.kind ORDER BY "id" DESC OFFSET ${l.rowsPerKind - 1} LIMIT 1) AS floor
      FROM unnest(${[...sequenceKinds]}::text[]) AS k(kind)
    ) f
    WHERE h."kind" = f.kind AND f.floor IS NOT NULL AND h."id" < f.floor`;
}
