// How fast a change made through the shared database reaches a caching process, one shape for licenses,
// tokens and sessions: for each sample, warm the caching process's answer, run one UPDATE from this
// process (the trigger notifies on commit), then ask the caching process back to back until it gives the
// new answer. Times from the UPDATE's acknowledgement, and from sending it (includes its commit).
import pg from "pg";
import { staleWindowMs } from "../../tests/support/validation-cache-fixtures";
import { summarize, type LoadResult } from "./measure";
import type { BenchTable } from "./table";

export type Propagation<T> = {
  databaseUrl: string;
  samples: T[];
  /** Ask until the caching process has the old answer cached. */
  warm(sample: T): Promise<void>;
  /** One UPDATE whose only parameter ($1) is the sample's id. */
  update: string;
  idOf(sample: T): string;
  /** True once the caching process gives the new answer. */
  isNew(sample: T): Promise<boolean>;
  /** Table text: what is measured and what the new answer is ("answers revoked"). */
  title: string;
  newAnswer: string;
  /** The UPDATE in the row labels ("revoking UPDATE"). */
  statement: string;
};

export async function measurePropagation<T>(p: Propagation<T>): Promise<{ table: BenchTable; afterAck: LoadResult }> {
  const db = new pg.Client({ connectionString: p.databaseUrl });
  await db.connect();
  const afterAck: number[] = [];
  const afterStart: number[] = [];
  let stale = 0;
  try {
    for (const sample of p.samples) {
      await p.warm(sample);
      const w = await staleWindowMs(() => db.query(p.update, [p.idOf(sample)]), () => p.isNew(sample));
      if (!Number.isFinite(w.afterAck)) stale += 1;
      afterAck.push(w.afterAck);
      afterStart.push(w.afterStart);
    }
  } finally {
    await db.end();
  }
  const asResult = (latencies: number[]) => summarize(0, [{ latencies, errors: stale, elapsedMs: 0, cpuMicros: 0 }]);
  const ack = asResult(afterAck);
  return {
    afterAck: ack,
    table: {
      title: p.title,
      note: `ms until the caching process ${p.newAnswer}; errors = not so after 5 s; req/s and ratio columns do not apply here`,
      rows: [
        { case: `from the ${p.statement}'s acknowledgement`, result: ack, ratio: null },
        { case: `from sending the ${p.statement} (includes its commit)`, result: asResult(afterStart), ratio: null },
      ],
    },
  };
}
