// The audit trail of the policy hook's refusals (action "authz.refuse") apart from every other event, so
// a test can prove both halves of "a refusal is audited and nothing else changes".
import type { AccessHarness } from "./start-access-service";

export const refusalAction = "authz.refuse";

export type RefusalEvent = {
  action: string;
  outcome: string;
  actor: { type: string; id: string | null; label: string | null };
  target: { type: string; id: string } | null;
  tenantId: string | null;
  sourceIp: string | null;
  requestId: string | null;
  data: { service: string; caller: string; reason: string; status: number; suppressedBefore: number; windowSeconds: number };
};

const notRefusal = { NOT: { payload: { path: ["action"], equals: refusalAction } } };

/** Outbox events other than refusals: what a refused request must leave unchanged. */
export function changeEventCount(h: AccessHarness): Promise<number> {
  return h.prisma.outboxEvent.count({ where: notRefusal });
}

/** The refusal events in the outbox, oldest first. */
export async function refusalEvents(h: AccessHarness): Promise<RefusalEvent[]> {
  const rows = await h.prisma.outboxEvent.findMany({ where: { payload: { path: ["action"], equals: refusalAction } }, orderBy: { createdAt: "asc" } });
  return rows.map((row) => row.payload as RefusalEvent);
}
