// Trains the sequence models in a worker thread (training-worker.mjs → training-job.ts), never on the
// access process's event loop, one at a time in this process (a second request while one runs answers
// "busy") and, through the job's advisory lock, one at a time across every process on the database.
// The schedule asks the database whether a training is due (no model yet and enough history, or the
// newest older than the retraining period), so restarts and several processes keep one rhythm.
import { Worker } from "node:worker_threads";
import type { AccessPrisma } from "../../db/prisma";
import { sequenceKinds } from "./event-keys";
import { keyHistoryLimits } from "./key-history";
import type { TrainingJob, TrainingOutcome } from "./training-job";

/** Events of a kind recorded before its first model (fewer: no model of that kind, the rules alone). */
export const minHistoryPerKind = 20_000;

export type ModelTrainer = {
  trainNow(): Promise<TrainingOutcome>;
  running(): boolean;
  /** Stops a training under way (its worker is terminated; the lock goes with its connection). */
  stop(): Promise<void>;
};

export function createModelTrainer(job: TrainingJob): ModelTrainer {
  let running: { worker: Worker; outcome: Promise<TrainingOutcome> } | null = null;
  return {
    trainNow() {
      if (running) return Promise.resolve({ state: "busy" });
      // execArgv []: the worker loads TypeScript itself (tsx), not through the parent's flags.
      const worker = new Worker(new URL("./training-worker.mjs", import.meta.url), { workerData: job, execArgv: [] });
      const outcome = new Promise<TrainingOutcome>((resolve, reject) => {
        let answer: TrainingOutcome | null = null;
        worker.once("message", (m: TrainingOutcome) => (answer = m));
        worker.once("error", reject);
        worker.once("exit", (code) => (answer ? resolve(answer) : reject(new Error(`model training worker exited with ${code} and no outcome`))));
      }).finally(() => (running = null));
      running = { worker, outcome };
      return outcome;
    },
    running: () => running !== null,
    async stop() {
      const r = running;
      if (!r) return;
      await r.worker.terminate();
      await r.outcome.catch(() => undefined);
    },
  };
}

/** Whether a training is due: no model yet and some kind has `minHistory` events recorded, or the newest model older than `retrainHours`. */
export async function trainingDue(prisma: AccessPrisma, retrainHours: number, minHistory: number, now = Date.now()): Promise<boolean> {
  const newest = await prisma.detectorModel.findFirst({ orderBy: { createdAt: "desc" }, select: { createdAt: true } });
  if (newest) return now - newest.createdAt.getTime() >= retrainHours * 3_600_000;
  for (const kind of sequenceKinds) {
    // Counted up to the minimum only, along the (kind, id) index.
    const [row] = await prisma.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM (SELECT 1 FROM "detector_key_history" WHERE "kind" = ${kind} LIMIT ${minHistory}) t`;
    if ((row?.n ?? 0) >= minHistory) return true;
  }
  return false;
}

export type ModelScheduleOptions = {
  connectionString: string;
  /** Hours between trainings; 0: never (stored models are still scored). */
  retrainHours: number;
  /** Events of a kind recorded before its first model. */
  minHistory: number;
  /** How often the schedule asks whether a training is due (default 10 minutes). */
  checkMs?: number;
  keepVersions?: number;
  config?: TrainingJob["config"];
  onTrained?: (outcome: TrainingOutcome) => void;
  log?: (err: unknown, message: string) => void;
  /** The clock a model's age is read with (tests move it); default the system's. */
  now?: () => number;
};

export function startModelSchedule(prisma: AccessPrisma, o: ModelScheduleOptions): { trainer: ModelTrainer; stop(): Promise<void> } {
  const trainer = createModelTrainer({ connectionString: o.connectionString, minHistory: o.minHistory, rowsPerKind: keyHistoryLimits.rowsPerKind, keepVersions: o.keepVersions ?? 3, config: o.config });
  let current: Promise<unknown> = Promise.resolve();
  const check = () => {
    if (trainer.running()) return;
    current = trainingDue(prisma, o.retrainHours, o.minHistory, (o.now ?? Date.now)())
      .then(async (due) => {
        if (!due) return;
        const outcome = await trainer.trainNow();
        if (outcome.state === "done") o.onTrained?.(outcome);
      })
      .catch((err: unknown) => o.log?.(err, "detector model training failed"));
  };
  const timer = o.retrainHours > 0 ? setInterval(check, o.checkMs ?? 10 * 60_000) : null;
  timer?.unref();
  const first = timer ? setTimeout(check, Math.min(30_000, o.checkMs ?? 30_000)) : null; // shortly after start, not during it
  first?.unref();
  return {
    trainer,
    async stop() {
      if (timer) clearInterval(timer);
      if (first) clearTimeout(first);
      await trainer.stop();
      await current;
    },
  };
}
