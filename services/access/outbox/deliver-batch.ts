// One relay step: lock the oldest undelivered outbox events (skipping rows another access process holds),
// send them to the audit service, and record the outcome, all in one transaction.
import { appendEventsResponse } from "../../../contracts/audit-api";
import type { AccessPrisma } from "../db/prisma";

export const batchSize = 200;
/** An audit call that takes longer counts as failed; the rows stay locked until then. */
export const sendTimeoutMs = 10_000;

export type AuditClient = {
  json<T = unknown>(method: "GET" | "POST", path: string, body?: unknown, headers?: Record<string, string>): Promise<{ status: number; body: T }>;
};

export type BatchOutcome = {
  taken: number;
  delivered: number;
  /** The audit service could not take events (down, overloaded, refusing us): back off. */
  unavailable: boolean;
};

type OutboxRow = { id: string; payload: unknown };
type SendResult = { ok: true } | { ok: false; retryable: boolean; error: string };

export async function deliverBatch(prisma: AccessPrisma, audit: AuditClient): Promise<BatchOutcome> {
  return prisma.$transaction(
    async (tx) => {
      // Ordered by the table's columns (an unqualified "id" here is the text alias, which no index holds): the
      // partial index of undelivered events (access migration 0014) gives them in this order, so a batch costs
      // the same with 100 or 100 000 events pending (a scan and sort of the whole outbox took 90-220 ms a batch).
      const rows = await tx.$queryRaw<OutboxRow[]>`
        SELECT o."id"::text AS "id", o."payload" FROM "outbox_events" o
        WHERE o."delivered_at" IS NULL
        ORDER BY o."created_at", o."id"
        LIMIT ${batchSize}
        FOR UPDATE SKIP LOCKED`;
      if (rows.length === 0) return { taken: 0, delivered: 0, unavailable: false };

      // Raw: Prisma's updateMany over a few hundred ids spent more time compiling than PostgreSQL did updating.
      const markDelivered = (ids: string[]) => tx.$executeRaw`UPDATE "outbox_events" SET "delivered_at" = ${new Date()} WHERE "id" = ANY(${ids}::uuid[])`;
      const markFailed = (ids: string[], error: string) =>
        tx.outboxEvent.updateMany({ where: { id: { in: ids } }, data: { attempts: { increment: 1 }, lastError: error.slice(0, 500) } });

      const whole = await send(audit, rows);
      if (whole.ok) {
        await markDelivered(rows.map((r) => r.id));
        return { taken: rows.length, delivered: rows.length, unavailable: false };
      }
      if (whole.retryable || rows.length === 1) {
        await markFailed(rows.map((r) => r.id), whole.error);
        return { taken: rows.length, delivered: 0, unavailable: whole.retryable };
      }
      // The audit service refused the batch as malformed: send one by one so that one bad event
      // cannot hold back the others; it stays pending with its error for an operator to see.
      let delivered = 0;
      for (const row of rows) {
        const one = await send(audit, [row]);
        if (one.ok) {
          await markDelivered([row.id]);
          delivered += 1;
        } else {
          await markFailed([row.id], one.error);
          if (one.retryable) return { taken: rows.length, delivered, unavailable: true };
        }
      }
      return { taken: rows.length, delivered, unavailable: false };
    },
    { maxWait: 5_000, timeout: sendTimeoutMs * 3 },
  );
}

async function send(audit: AuditClient, rows: OutboxRow[]): Promise<SendResult> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${sendTimeoutMs} ms`)), sendTimeoutMs);
  });
  try {
    const res = await Promise.race([audit.json("POST", "/v1/events", { events: rows.map((r) => r.payload) }), timeout]);
    if (res.status >= 200 && res.status < 300 && appendEventsResponse.safeParse(res.body).success) return { ok: true };
    // 400/413/422 say "this batch is bad"; anything else (401/403 misconfiguration, 429, 5xx) is about the service.
    const retryable = ![400, 413, 422].includes(res.status);
    return { ok: false, retryable, error: `audit answered ${res.status}: ${summarise(res.body)}` };
  } catch (e) {
    return { ok: false, retryable: true, error: `audit unreachable: ${e instanceof Error ? e.message : String(e)}` };
  } finally {
    clearTimeout(timer);
  }
}

function summarise(body: unknown): string {
  if (typeof body === "object" && body !== null && "detail" in body) return JSON.stringify({ detail: body.detail, fieldErrors: (body as { fieldErrors?: unknown }).fieldErrors }).slice(0, 400);
  return JSON.stringify(body ?? null).slice(0, 200);
}
