// The access service runs the security plan's self-checks on a schedule (SELFCHECK_INTERVAL_MINUTES):
// the first run a minute after start (so that start-up is not slowed), then every interval. Each run's
// results are kept as the latest and audited (run-self-checks.ts); a failing check is logged as a warning.
import type { AccessContext } from "../context";
import { depsOf, runSelfChecks, storeCheckResults, type SelfCheckSetup } from "./run-self-checks";

export type ScheduleLogger = { info(details: object, message: string): void; warn(details: object, message: string): void; error(details: object, message: string): void };

export const scheduleActor = { type: "service" as const, id: "access", label: "security plan schedule" };

export function startSelfCheckSchedule(ctx: AccessContext, setup: SelfCheckSetup, o: { intervalMinutes: number; logger: ScheduleLogger; firstRunMs?: number }): { stop(): Promise<void> } {
  if (o.intervalMinutes === 0) return { stop: async () => {} };
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const run = async () => {
    try {
      const results = await runSelfChecks(depsOf(ctx), setup);
      if (!stopped) await storeCheckResults(ctx.prisma, results, "schedule", scheduleActor);
      const failing = results.filter((r) => r.result === "fail");
      if (failing.length) o.logger.warn({ failing: failing.map((r) => r.checkId) }, "security self-checks failing");
      else o.logger.info({ checks: results.length }, "security self-checks pass");
    } catch (err) {
      o.logger.error({ err }, "security self-checks could not run");
    }
    if (!stopped) timer = setTimeout(() => (running = run()), o.intervalMinutes * 60_000);
  };
  timer = setTimeout(() => (running = run()), o.firstRunMs ?? 60_000);
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
