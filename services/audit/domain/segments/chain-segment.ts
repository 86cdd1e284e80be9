// A chain segment of a selection (contracts/audit-segment.ts): where it starts and ends (the signed
// checkpoints around the selected events), and its entries a page at a time: the selected events in
// full, every other event between the checkpoints as its digest only, so a tenant's segment shows
// nothing of another tenant's events yet still folds to the signed chain hash.
import type { SegmentBounds, SegmentEntry } from "../../../../contracts/audit-segment";
import { eventDigest } from "../chain/chain-hash";
import type { EventFilter } from "../../../../contracts/audit-api";
import type { AuditPrisma } from "../../db/prisma";
import { eventWhere } from "../events/event-where";
import { checkpointsAround } from "./checkpoints-around";

export async function segmentBounds(prisma: AuditPrisma, checkpointFile: string, filter: EventFilter): Promise<SegmentBounds> {
  const where = eventWhere(filter);
  const [first, last] = await Promise.all([
    prisma.auditEvent.findFirst({ where, orderBy: { seq: "asc" }, select: { seq: true } }),
    prisma.auditEvent.findFirst({ where, orderBy: { seq: "desc" }, select: { seq: true } }),
  ]);
  if (!first || !last) {
    // Nothing selected: an empty segment at the newest checkpoint (it still proves that checkpoint).
    const { newest } = await checkpointsAround(checkpointFile, 1, Number.MAX_SAFE_INTEGER);
    const seq = newest?.seq ?? 0;
    return { start: newest?.jws ?? null, end: newest?.jws ?? null, fromSeq: seq + 1, toSeq: seq, unanchored: 0 };
  }
  const around = await checkpointsAround(checkpointFile, Number(first.seq), Number(last.seq));
  const start = around.start;
  // No checkpoint anchors the newest selected events yet: end at the newest checkpoint, and say how many were left out.
  const end = around.end ?? (around.newest && around.newest.seq >= (start?.seq ?? 0) ? around.newest : null);
  const toSeq = end?.seq ?? start?.seq ?? 0;
  const unanchored = toSeq < Number(last.seq) ? await prisma.auditEvent.count({ where: { ...where, seq: { gt: BigInt(toSeq) } } }) : 0;
  return { start: start?.jws ?? null, end: end?.jws ?? null, fromSeq: (start?.seq ?? 0) + 1, toSeq, unanchored };
}

/** Entries fromSeq … toSeq, up to `limit`: selected events in full, the others as digests. */
export async function segmentEntries(prisma: AuditPrisma, filter: EventFilter, range: { fromSeq: number; toSeq: number; limit: number }): Promise<{ entries: SegmentEntry[]; nextFromSeq: number | null }> {
  const last = Math.min(range.toSeq, range.fromSeq + range.limit - 1);
  if (last < range.fromSeq) return { entries: [], nextFromSeq: null };
  const seq = { gte: BigInt(range.fromSeq), lte: BigInt(last) };
  const [rows, selected] = await Promise.all([
    prisma.auditEvent.findMany({ where: { seq }, orderBy: { seq: "asc" }, select: { seq: true, receivedAt: true, prevMac: true, mac: true, canonical: true } }),
    prisma.auditEvent.findMany({ where: { ...eventWhere(filter), seq }, select: { seq: true } }),
  ]);
  const chosen = new Set(selected.map((r) => r.seq));
  const entries = rows.map((r): SegmentEntry => {
    const stored = { seq: Number(r.seq), receivedAt: r.receivedAt.toISOString(), prevMac: r.prevMac, mac: r.mac, canonical: r.canonical };
    return chosen.has(r.seq) ? stored : { seq: stored.seq, digest: eventDigest(stored) };
  });
  return { entries, nextFromSeq: last < range.toSeq ? last + 1 : null };
}

/** Every page of a segment's entries, for writers that stream them (the CLI, the route). */
export async function* segmentPages(prisma: AuditPrisma, filter: EventFilter, bounds: SegmentBounds, limit = 1000): AsyncGenerator<SegmentEntry[]> {
  let fromSeq: number | null = bounds.fromSeq;
  while (fromSeq !== null) {
    const page = await segmentEntries(prisma, filter, { fromSeq, toSeq: bounds.toSeq, limit });
    yield page.entries;
    fromSeq = page.nextFromSeq;
  }
}
