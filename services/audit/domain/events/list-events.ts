// Lists stored events newest first, a page at a time (seq keyset), by any of the event filters.
import type { EventFilter, StoredEvent } from "../../../../contracts/audit-api";
import type { AuditPrisma } from "../../db/prisma";
import { eventWhere } from "./event-where";

export type ListEventsInput = EventFilter & { limit: number; beforeSeq?: number };

type Row = { seq: bigint; canonical: string; receivedAt: Date; mac: string };

export async function listEvents(prisma: AuditPrisma, input: ListEventsInput): Promise<{ events: StoredEvent[]; nextBeforeSeq: number | null }> {
  const rows = await prisma.auditEvent.findMany({
    where: { ...eventWhere(input), ...(input.beforeSeq !== undefined ? { seq: { lt: BigInt(input.beforeSeq) } } : {}) },
    orderBy: { seq: "desc" },
    take: input.limit + 1,
    select: { seq: true, canonical: true, receivedAt: true, mac: true },
  });
  const page = rows.slice(0, input.limit);
  return { events: page.map(storedEventOf), nextBeforeSeq: rows.length > input.limit ? Number(page[page.length - 1].seq) : null };
}

/** A stored row as the API shows it: the event's own JSON with its place in the chain. */
export function storedEventOf(row: Row): StoredEvent {
  return {
    ...(JSON.parse(row.canonical) as Omit<StoredEvent, "seq" | "receivedAt" | "mac">),
    seq: Number(row.seq),
    receivedAt: row.receivedAt.toISOString(),
    mac: row.mac,
  };
}
