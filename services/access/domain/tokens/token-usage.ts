// Token usage without a database write per introspection: answers are counted in memory — the last-used
// time per token, and uses/refusals per token and hour — and a timer writes them all in a few batched
// statements every ~30 s (and on close; token-usage-writes.ts). A flush that fails puts what it had not
// written back into memory for the next one, so counts are not dropped while the database is away.
import type { AccessPrisma } from "../../db/prisma";
import { addHourCounts, usageBatchSize, writeLastUsed, type HourCount } from "./token-usage-writes";
import { periodicFlush } from "./periodic-flush";
import { hourOf } from "./usage-buckets";

const pauseBetweenBatchesMs = 5;

/** Whose introspection it was (a found token: unknown and malformed tokens are not counted). */
export type UsedToken = { tokenId: string; licenseId: string; tenantId: string };

export type TokenUsage = {
  /** An active answer: counts a use in this hour and notes the last-used time (in memory until the next flush). */
  note(token: UsedToken, at: Date): void;
  /** An inactive answer for a found token (revoked, expired, license not active, scope gone). */
  noteRefusal(token: UsedToken, at: Date): void;
  /** Writes what was noted; returns how many tokens were written. */
  flush(): Promise<number>;
  /** Stops the timer and writes what is left. */
  close(): Promise<void>;
};

type Pending = { lastUsed: Map<string, Date>; counts: Map<string, HourCount> };

const emptyPending = (): Pending => ({ lastUsed: new Map(), counts: new Map() });
const countKey = (tokenId: string, bucket: number) => `${tokenId} ${bucket}`;

export function createTokenUsage(prisma: AccessPrisma, options: { flushIntervalMs?: number; onError?: (error: unknown) => void } = {}): TokenUsage {
  let pending = emptyPending();

  const count = (token: UsedToken, at: Date, uses: number, refusals: number) => {
    const bucket = hourOf(at);
    const key = countKey(token.tokenId, bucket);
    const row = pending.counts.get(key);
    if (row) {
      row.uses += uses;
      row.refusals += refusals;
    } else {
      pending.counts.set(key, { tokenId: token.tokenId, licenseId: token.licenseId, tenantId: token.tenantId, bucket, uses, refusals });
    }
  };

  const putBack = (lastUsed: readonly [string, Date][], counts: readonly HourCount[]) => {
    for (const [id, at] of lastUsed) {
      const newer = pending.lastUsed.get(id);
      if (!newer || newer < at) pending.lastUsed.set(id, at);
    }
    for (const c of counts) count(c, new Date(c.bucket), c.uses, c.refusals);
  };

  // Statements of a few hundred rows with a breath between them: one statement of a thousand kept
  // PostgreSQL busy long enough, on a small machine, to hold up the introspections answered meanwhile.
  const pause = () => new Promise((resolve) => setTimeout(resolve, pauseBetweenBatchesMs));

  const writePending = async () => {
    const taken = pending;
    pending = emptyPending();
    const counts = [...taken.counts.values()];
    const lastUsed = [...taken.lastUsed];
    let countsDone = 0;
    let lastUsedDone = 0;
    try {
      for (; countsDone < counts.length; countsDone += usageBatchSize) {
        if (countsDone) await pause();
        await addHourCounts(prisma, counts.slice(countsDone, countsDone + usageBatchSize));
      }
      for (; lastUsedDone < lastUsed.length; lastUsedDone += usageBatchSize) {
        await pause();
        await writeLastUsed(prisma, lastUsed.slice(lastUsedDone, lastUsedDone + usageBatchSize));
      }
    } catch (error) {
      // Batches already written stay written; the failed one and those after it wait for the next flush.
      putBack(lastUsed.slice(lastUsedDone), counts.slice(countsDone));
      throw error;
    }
    return new Set([...taken.lastUsed.keys(), ...counts.map((c) => c.tokenId)]).size;
  };

  const { flush, close } = periodicFlush(writePending, { intervalMs: options.flushIntervalMs ?? 30_000, onError: options.onError });
  return {
    note(token, at) {
      pending.lastUsed.set(token.tokenId, at);
      count(token, at, 1, 0);
    },
    noteRefusal(token, at) {
      count(token, at, 0, 1);
    },
    flush,
    close,
  };
}
