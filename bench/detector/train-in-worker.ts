// The live training, measured: a simulated deployment's normal traffic (its own seed, no attacks) keyed as
// the detector keys it and written to a fresh PostgreSQL's detector_key_history, then one training run
// exactly as the schedule runs it (model-training.ts: a worker thread reading the history itself), while
// this thread's event loop delay is sampled — the training must not stall it.
import { monitorEventLoopDelay } from "node:perf_hooks";
import pg from "pg";
import { migrate } from "../../services/common/db/migrate";
import { keyHistoryLimits } from "../../services/access/detector/sequence/key-history";
import { createModelTrainer } from "../../services/access/detector/sequence/model-training";
import { accessMigrations } from "../../tests/support/start-access-service";
import { createTestDatabase } from "../../tests/support/test-database";
import { keyTraffic } from "./score-sequences";
import type { Labelled } from "./simulate-traffic";

/** Writes the keys of the traffic's normal events to a database's detector_key_history, as the detector would have; answers how many. */
export async function recordTrainingKeys(connectionString: string, training: Labelled[]): Promise<number> {
  const { keyed } = keyTraffic(training.filter((l) => l.label === "normal"));
  const rows = keyed.filter((k) => k !== null);
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    for (let from = 0; from < rows.length; from += 10_000) {
      const chunk = rows.slice(from, from + 10_000);
      await client.query(
        `INSERT INTO "detector_key_history" ("kind", "principal_id", "at", "key") SELECT * FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::text[])`,
        [chunk.map((r) => r.kind), chunk.map((r) => r.id), chunk.map((r) => new Date(r.at)), chunk.map((r) => r.key)],
      );
    }
  } finally {
    await client.end();
  }
  return rows.length;
}

export async function trainInWorker(training: Labelled[]): Promise<string> {
  const db = await createTestDatabase("bench_detector_train");
  try {
    await migrate(db.url!, accessMigrations);
    const recorded = await recordTrainingKeys(db.url!, training);
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    const started = Date.now();
    const outcome = await createModelTrainer({ connectionString: db.url!, minHistory: 1_000, rowsPerKind: keyHistoryLimits.rowsPerKind, keepVersions: 3 }).trainNow();
    const wall = Date.now() - started;
    delay.disable();
    if (outcome.state !== "done") throw new Error("the training bench found another training holding the lock");
    const ms = (ns: number) => (ns / 1e6).toFixed(1);
    return [
      `## Training in the worker thread (${recorded} recorded keys of a simulated deployment's normal traffic, the schedule's job as it runs live)`,
      "| kind | events read | principals | examples | loss | training |",
      "| --- | ---: | ---: | ---: | ---: | ---: |",
      ...outcome.trained.map((t) => `| ${t.kind} | ${t.historyRows} | ${t.principals} | ${t.examples} | ${t.loss.toFixed(3)} | ${(t.trainMs / 1000).toFixed(1)} s |`),
      ...outcome.skipped.map((s) => `| ${s.kind} | ${s.historyRows} (below the minimum) | | | | not trained |`),
      "",
      `whole job ${(wall / 1000).toFixed(1)} s (worker start, reading the history, training, storing the versions); the access thread's event loop meanwhile (sampled every 10 ms: 10 ms is on time): p50 ${ms(delay.percentile(50))} ms, p99 ${ms(delay.percentile(99))} ms, max ${ms(delay.max)} ms`,
    ].join("\n");
  } finally {
    await db.drop();
  }
}
