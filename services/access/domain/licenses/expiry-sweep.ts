// Automatic expiry: reads already treat an active license past its end as expired; this periodic sweep
// makes it so in the table too (status, statusChangedAt) and audits each as license.expire. Safe with
// several access processes: each batch locks its rows with SKIP LOCKED. "Overdue" is judged by the
// service's clock (ctx.now), the one its reads use, not the database's.
import { recordEvent } from "../../outbox/record-event";
import type { AccessContext } from "../context";

export type SweepLogger = { info(details: object, message: string): void; error(details: object, message: string): void };

const batchLimit = 500;

/** Expires one batch of overdue active licenses; returns how many. */
export async function expireOverdueLicenses(ctx: AccessContext): Promise<number> {
  const now = ctx.now();
  return ctx.prisma.$transaction(async (tx) => {
    const expired = await tx.$queryRaw<{ id: string; tenantId: string; endsAt: Date }[]>`
      UPDATE "licenses" SET "status" = 'expired', "status_changed_at" = ${now}, "updated_at" = now()
      WHERE "id" IN (
        SELECT "id" FROM "licenses" WHERE "status" = 'active' AND "ends_at" <= ${now}
        ORDER BY "ends_at" LIMIT ${batchLimit} FOR UPDATE SKIP LOCKED)
      RETURNING "id", "tenant_id" AS "tenantId", "ends_at" AS "endsAt"`;
    for (const l of expired) {
      await recordEvent(tx, {
        action: "license.expire",
        outcome: "success",
        actor: { type: "service", id: "access", label: "expiry sweep" },
        target: { type: "license", id: l.id },
        tenantId: l.tenantId,
        sourceIp: null,
        requestId: null,
        data: { from: "active", to: "expired", endsAt: l.endsAt.toISOString() },
      });
    }
    return expired.length;
  });
}

/** Runs the sweep now and then every `intervalMs`; returns a stop function that waits for a run in progress. */
export function startExpirySweep(ctx: AccessContext, logger: SweepLogger, intervalMs = 60_000): { stop(): Promise<void> } {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const run = async () => {
    try {
      let total = 0;
      let batch = batchLimit;
      // A full batch means there may be more overdue licenses: keep going until one comes back short.
      while (batch === batchLimit && !stopped) {
        batch = await expireOverdueLicenses(ctx);
        total += batch;
      }
      if (total > 0) logger.info({ expired: total }, "licenses expired");
    } catch (err) {
      logger.error({ err }, "license expiry sweep failed");
    }
    if (!stopped) timer = setTimeout(() => (running = run()), intervalMs);
  };
  running = run();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
