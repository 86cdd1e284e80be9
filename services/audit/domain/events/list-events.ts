// Lists stored events newest first, a page at a time, optionally by action, tenant or target.
import type { StoredEvent } from "../../../../contracts/audit-api";
import type { AuditPrisma } from "../../db/prisma";

export type ListEventsInput = { limit: number; beforeSeq?: number; action?: string; tenantId?: string; targetType?: string; targetId?: string };

export async function listEvents(prisma: AuditPrisma, input: ListEventsInput): Promise<{ events: StoredEvent[]; nextBeforeSeq: number | null }> {
  const rows = await prisma.auditEvent.findMany({
    where: {
      ...(input.beforeSeq !== undefined ? { seq: { lt: BigInt(input.beforeSeq) } } : {}),
      ...(input.action !== undefined ? { action: input.action } : {}),
      ...(input.tenantId !== undefined ? { tenantId: input.tenantId } : {}),
      ...(input.targetType !== undefined ? { targetType: input.targetType } : {}),
      ...(input.targetId !== undefined ? { targetId: input.targetId } : {}),
    },
    orderBy: { seq: "desc" },
    take: input.limit + 1,
    select: { seq: true, canonical: true, receivedAt: true, mac: true },
  });
  const page = rows.slice(0, input.limit);
  const events = page.map((row) => ({
    ...(JSON.parse(row.canonical) as Omit<StoredEvent, "seq" | "receivedAt" | "mac">),
    seq: Number(row.seq),
    receivedAt: row.receivedAt.toISOString(),
    mac: row.mac,
  }));
  return { events, nextBeforeSeq: rows.length > input.limit ? Number(page[page.length - 1].seq) : null };
}
