// One training of the sequence models, as a worker thread runs it (model-training.ts): on its own
// PostgreSQL connection it takes a session advisory lock (one training at a time across every access
// process; a crashed worker's connection releases it), reads each kind's recorded history (its newest
// rows, key-history.ts), trains one model per kind with enough of it, stores it as that kind's next
// version with its metrics and the window it learned from, and drops versions beyond the last few.
// A principal with an alert not marked "not an anomaly" is left out of the training: what may be an
// attack is not learned as normal (a false alert's principal comes back once a person says so). Each
// stored version is audited (detector.model_train) in the transaction that stores it.
import pg from "pg";
import { recordEvents, type OutboxBatchWriter, type RecordableEvent } from "../../outbox/record-event";
import { sequenceKinds, type SequenceKind } from "./event-keys";
import { defaultSequenceConfig, trainSequenceModel, type SequenceModelConfig } from "./sequence-model";
import { buildVocabulary, indexOf } from "./windows";

export type TrainingJob = {
  connectionString: string;
  /** Rows of a kind below which it is not trained (its previous version, if any, stays). */
  minHistory: number;
  /** The newest rows of a kind one training reads. */
  rowsPerKind: number;
  /** Versions of each kind kept (the newest). */
  keepVersions: number;
  config?: Partial<SequenceModelConfig>;
  /** Who trains, as the audit event names them (default: the detector itself, on its schedule). */
  actor?: RecordableEvent["actor"];
};

export type TrainedKind = { kind: SequenceKind; version: number; examples: number; loss: number; trainMs: number; historyRows: number; principals: number };
export type TrainingOutcome =
  | { state: "busy" }
  | { state: "done"; trained: TrainedKind[]; skipped: { kind: SequenceKind; historyRows: number }[]; ms: number };

/** The advisory lock's key: one training at a time per database. */
export const trainingLockSql = "select pg_try_advisory_lock(hashtext('tessera:detector-model-training')) as locked";

/** recordEvents' one statement, on this plain connection. */
const outboxOf = (client: pg.Client): OutboxBatchWriter => ({
  $executeRaw: async (strings, ...values) => (await client.query(strings.reduce((sql, s, i) => `${sql}$${i}${s}`), values)).rowCount ?? 0,
});

export async function runTrainingJob(job: TrainingJob): Promise<TrainingOutcome> {
  const started = Date.now();
  const config = { ...defaultSequenceConfig, ...job.config };
  const client = new pg.Client({ connectionString: job.connectionString });
  await client.connect();
  try {
    const { rows: lock } = await client.query<{ locked: boolean }>(trainingLockSql);
    if (!lock[0]?.locked) return { state: "busy" };
    const trained: TrainedKind[] = [];
    const skipped: { kind: SequenceKind; historyRows: number }[] = [];
    for (const kind of sequenceKinds) {
      const { rows } = await client.query<{ principal_id: string; key: string; at: Date }>(
        `SELECT h."principal_id", h."key", h."at" FROM "detector_key_history" h
         WHERE h."kind" = $1 AND NOT EXISTS (
           SELECT 1 FROM "detector_alerts" a WHERE a."principal_kind" = h."kind" AND a."principal_id" = h."principal_id" AND a."state" <> 'not_anomaly')
         ORDER BY h."id" DESC LIMIT $2`,
        [kind, job.rowsPerKind],
      );
      if (rows.length < Math.max(1, job.minHistory)) {
        skipped.push({ kind, historyRows: rows.length });
        continue;
      }
      rows.reverse(); // oldest first: each principal's sequence in the order it happened
      const byPrincipal = new Map<string, string[]>();
      for (const r of rows) (byPrincipal.get(r.principal_id) ?? byPrincipal.set(r.principal_id, []).get(r.principal_id)!).push(r.key);
      const vocabulary = buildVocabulary(byPrincipal.values());
      const { model, metrics } = await trainSequenceModel([...byPrincipal.values()].map((s) => s.map((k) => indexOf(vocabulary, k))), vocabulary, config);
      const serialized = JSON.stringify(model.serialize());
      model.dispose();
      await client.query("BEGIN");
      const { rows: inserted } = await client.query<{ version: number }>(
        `INSERT INTO "detector_models" ("kind", "version", "model", "examples", "loss", "train_ms", "history_rows", "principals", "history_from", "history_to")
         SELECT $1, COALESCE(MAX("version"), 0) + 1, $2::jsonb, $3, $4, $5, $6, $7, $8, $9 FROM "detector_models" WHERE "kind" = $1
         RETURNING "version"`,
        [kind, serialized, metrics.examples, Number.isFinite(metrics.loss) ? metrics.loss : 0, metrics.trainMs, rows.length, byPrincipal.size, rows[0]!.at, rows.at(-1)!.at],
      );
      const version = inserted[0]!.version;
      await client.query(`DELETE FROM "detector_models" WHERE "kind" = $1 AND "version" <= $2`, [kind, version - job.keepVersions]);
      const done: TrainedKind = { kind, version, examples: metrics.examples, loss: metrics.loss, trainMs: metrics.trainMs, historyRows: rows.length, principals: byPrincipal.size };
      await recordEvents(outboxOf(client), [{
        action: "detector.model_train",
        outcome: "success",
        actor: job.actor ?? { type: "service", id: "detector", label: "Anomaly detector" },
        target: { type: "detector-model", id: `${kind}:${version}` },
        tenantId: null,
        sourceIp: null,
        requestId: null,
        data: { kind, version, examples: done.examples, historyRows: done.historyRows, principals: done.principals, trainMs: done.trainMs },
      }]);
      await client.query("COMMIT");
      trained.push(done);
    }
    return { state: "done", trained, skipped, ms: Date.now() - started };
  } finally {
    // Closing the session releases the lock, whatever happened above.
    await client.end().catch(() => undefined);
  }
}
