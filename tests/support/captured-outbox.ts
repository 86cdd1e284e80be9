// An access context whose only used part, the outbox insert, is captured in memory: for unit tests of rules
// that write one audit event and read nothing (the suppressed audits of services/access/domain).
import type { AccessContext } from "../../services/access/domain/context";

export type CapturedEvent = { payload: { action: string; target: { type: string; id: string } | null; tenantId: string | null; data: Record<string, unknown> } };

export function capturedOutbox(): { ctx: AccessContext; written: CapturedEvent[] } {
  const written: CapturedEvent[] = [];
  const outboxEvent = { create: async (args: { data: { payload: unknown } }) => void written.push(args.data as CapturedEvent) };
  // Only `prisma.outboxEvent.create` is reached by these rules; the rest of the context is never read.
  return { ctx: { prisma: { outboxEvent } } as unknown as AccessContext, written };
}
