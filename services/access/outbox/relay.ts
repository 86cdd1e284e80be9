// The outbox relay: delivers recorded audit events to the audit service, oldest first, at least once
// (the audit service deduplicates by event id). While the audit service is down events stay pending
// and the relay backs off from 1 s to 30 s; nothing is dropped.
import type { AccessPrisma } from "../db/prisma";
import { batchSize, deliverBatch, type AuditClient } from "./deliver-batch";

export type RelayLogger = {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
};

export type OutboxRelay = {
  /** Stops the background loop and waits for a step in progress. */
  stop(): Promise<void>;
  /** Delivers what is pending now; returns how many events were delivered. */
  flush(): Promise<number>;
};

const backoffStartMs = 1_000;
const backoffCapMs = 30_000;

export function backoffDelay(failures: number): number {
  return Math.min(backoffCapMs, backoffStartMs * 2 ** Math.max(0, failures - 1));
}

export function startOutboxRelay(options: { prisma: AccessPrisma; auditClient: AuditClient; logger: RelayLogger; intervalMs?: number }): OutboxRelay {
  const { prisma, auditClient, logger } = options;
  const intervalMs = options.intervalMs ?? 1_000;
  let failures = 0;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  // One step at a time in this process; other processes are kept apart by the row locks.
  let queue: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(job: () => Promise<T>): Promise<T> => {
    const run = queue.then(job, job);
    queue = run.catch(() => undefined);
    return run;
  };

  const drain = async (): Promise<{ delivered: number; unavailable: boolean }> => {
    let delivered = 0;
    for (;;) {
      const outcome = await deliverBatch(prisma, auditClient).catch((err: unknown) => {
        logger.error({ err }, "outbox relay step failed");
        return { taken: 0, delivered: 0, unavailable: true };
      });
      delivered += outcome.delivered;
      if (outcome.unavailable || outcome.taken < batchSize || outcome.delivered < outcome.taken) return { delivered, unavailable: outcome.unavailable };
    }
  };

  const run = async (): Promise<number> => {
    const result = await drain();
    if (result.unavailable) {
      failures += 1;
      if (failures === 1 || failures % 10 === 0) logger.warn({ failures, retryInMs: backoffDelay(failures) }, "audit service unavailable; audit events stay in the outbox");
    } else {
      if (failures > 0) logger.info({ failures }, "audit service reachable again");
      failures = 0;
    }
    if (result.delivered > 0) logger.info({ delivered: result.delivered }, "audit events delivered");
    return result.delivered;
  };

  const tick = async () => {
    await exclusive(run);
    if (!stopped) {
      timer = setTimeout(() => void tick(), failures > 0 ? backoffDelay(failures) : intervalMs);
      timer.unref();
    }
  };
  timer = setTimeout(() => void tick(), 0);
  timer.unref();

  return {
    flush: () => exclusive(run),
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await queue;
    },
  };
}
