// Runs the unfinished rewrap job in the background of an access process: on start (a job a stopped process left
// continues from its cursor) and every few seconds. Several processes may run this; the job's lease lets one work.
import { hostname } from "node:os";
import { randomBytes } from "node:crypto";
import type { AccessPrisma } from "../db/prisma";
import { runRewrapJob, type KeyringControl, type RunOptions } from "./rewrap-job";

export type RewrapWorkerLogger = { info(details: object, message: string): void; error(details: object, message: string): void };

export function startRewrapWorker(
  prisma: AccessPrisma,
  control: KeyringControl,
  logger: RewrapWorkerLogger,
  options: Pick<RunOptions, "batchSize" | "leaseMs" | "followMs"> & { pollMs?: number } = {},
): { stop(): Promise<void>; wake(): void } {
  const owner = `${hostname()}:${process.pid}:${randomBytes(4).toString("hex")}`;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  let busy = false;
  const tick = async () => {
    busy = true;
    try {
      const job = await prisma.rewrapJob.findFirst({ where: { active: true, state: "running" }, select: { id: true, processed: true } });
      if (job && !stopped) {
        const outcome = await runRewrapJob(prisma, control, job.id, { ...options, owner, shouldStop: () => stopped });
        if (outcome !== "not-claimed") logger.info({ jobId: job.id, outcome, from: job.processed }, "storage key rewrap job ran");
      }
    } catch (err) {
      logger.error({ err }, "storage key rewrap job stopped by an error; it resumes from its cursor");
    } finally {
      busy = false;
    }
    if (!stopped) timer = setTimeout(() => (running = tick()), options.pollMs ?? 2_000);
  };
  running = tick();
  return {
    wake() {
      if (stopped || busy) return;
      clearTimeout(timer);
      running = tick();
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
