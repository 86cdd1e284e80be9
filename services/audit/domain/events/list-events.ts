// Lists stored events newest first, a page at a time (seq keyset), by any of the event filters.
import type { EventFilter, StoredEvent } from "../../../../contracts/audit-api";
import type { AuditPrisma } from "../../db/prisma";
import { eventWhere } from "./event-where";

export type ListEventsInput = EventFilter & { limit: number; beforeSeq?: number };

type Row = { seq: bigint; canonical: string; receivedAt: Date; mac: string };

export async function listEvents(prisma: AuditPrisma, input: ListEventsInput): Promise<{ events: StoredEvent[]; nextBeforeSeq: number | null }> {
  const below = await upperSeq(prisma, input);
  if (below === 0n) return { events: [], nextBeforeSeq: null };
  const rows = await prisma.auditEvent.findMany({
    where: { ...eventWhere(input), ...(below !== null ? { seq: { lt: below } } : {}) },
    orderBy: { seq: "desc" },
    take: input.limit + 1,
    select: { seq: true, canonical: true, receivedAt: true, mac: true },
  });
  const page = rows.slice(0, input.limit);
  return { events: page.map(storedEventOf), nextBeforeSeq: rows.length > input.limit ? Number(page[page.length - 1].seq) : null };
}

/**
 * Where the newest-first walk starts (exclusive; null: at the newest event). With a time range, at the
 * newest event that occurred in it, found on the (occurred_at, seq) index: a range in the past would
 * otherwise be reached only after walking every newer event (occurrence time follows seq closely, so
 * the walk then finds its page at once). 0n: nothing can match.
 */
async function upperSeq(prisma: AuditPrisma, input: ListEventsInput): Promise<bigint | null> {
  const before = input.beforeSeq !== undefined ? BigInt(input.beforeSeq) : null;
  if (input.from === undefined && input.to === undefined) return before;
  // seq + 0: PostgreSQL would turn max(seq) into that same walk down the primary key; this reads the range.
  const from = input.from !== undefined ? new Date(input.from) : new Date("0001-01-01T00:00:00Z");
  const to = input.to !== undefined ? new Date(input.to) : new Date("9999-12-31T00:00:00Z");
  const [row] = await prisma.$queryRaw<{ newest: bigint | null }[]>`
    SELECT max("seq" + 0) AS "newest" FROM "audit_events"
    WHERE "occurred_at" >= ${from} AND "occurred_at" < ${to} AND "seq" < ${before ?? 9223372036854775807n}`;
  return row?.newest == null ? 0n : BigInt(row.newest) + 1n;
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
