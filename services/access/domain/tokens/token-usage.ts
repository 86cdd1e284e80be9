// Last-used times without a database write per use: introspections note the time in memory, and a timer
// writes them all in one UPDATE … FROM (VALUES …) every ~30 s (and on close). The UPDATE touches only
// last_used_at, which the change-feed trigger ignores, so it never evicts a cache entry.
import { Prisma } from "../../generated/prisma/client";
import type { AccessPrisma } from "../../db/prisma";

export type TokenUsage = {
  /** Notes that the token was used now (kept in memory until the next flush). */
  note(tokenId: string, at: Date): void;
  /** Writes what was noted; returns how many tokens were written. */
  flush(): Promise<number>;
  /** Stops the timer and writes what is left. */
  close(): Promise<void>;
};

const batchSize = 1_000;

export function createTokenUsage(prisma: AccessPrisma, options: { flushIntervalMs?: number; onError?: (error: unknown) => void } = {}): TokenUsage {
  let pending = new Map<string, Date>();
  const flush = async () => {
    if (!pending.size) return 0;
    const batch = [...pending];
    pending = new Map();
    for (let i = 0; i < batch.length; i += batchSize) {
      const rows = batch.slice(i, i + batchSize).map(([id, at]) => Prisma.sql`(${id}, ${at}::timestamptz)`);
      await prisma.$executeRaw`
        UPDATE "tokens" AS t SET "last_used_at" = v.at
        FROM (VALUES ${Prisma.join(rows)}) AS v(id, at)
        WHERE t."id" = v.id AND (t."last_used_at" IS NULL OR t."last_used_at" < v.at)`;
    }
    return batch.length;
  };
  const timer = setInterval(() => void flush().catch((e: unknown) => options.onError?.(e)), options.flushIntervalMs ?? 30_000);
  timer.unref();
  return {
    note(tokenId, at) {
      pending.set(tokenId, at);
    },
    flush,
    async close() {
      clearInterval(timer);
      await flush().catch((e: unknown) => options.onError?.(e));
    },
  };
}
