// Appends events to the chain, once each: serialised across every audit process on the database by a
// transaction-scoped advisory lock, so seq has no gaps and each MAC covers the one before it. Disclosure
// events get their index row (the record of disclosures) in the same transaction.
import type { AuditEvent } from "../../../../contracts/audit-api";
import type { AuditPrisma } from "../../db/prisma";
import type { ChainCursor } from "../chain/check-link";
import { nextLink } from "../chain/next-link";
import { disclosureEntryOf } from "../disclosures/index-disclosures";

export type AppendResult = { stored: number; duplicates: number };

export async function appendEvents(prisma: AuditPrisma, chainKey: Buffer, events: AuditEvent[]): Promise<AppendResult> {
  // PostgreSQL prints uuids in lower case; the stored JSON must say the same as the id column.
  const unique = new Map<string, AuditEvent>();
  for (const event of events) {
    const id = event.id.toLowerCase();
    if (!unique.has(id)) unique.set(id, { ...event, id });
  }
  return prisma.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(7202)`;
      const known = await tx.auditEvent.findMany({ where: { id: { in: [...unique.keys()] } }, select: { id: true } });
      for (const row of known) unique.delete(row.id);

      const last = await tx.auditEvent.findFirst({ orderBy: { seq: "desc" }, select: { seq: true, mac: true } });
      let previous: ChainCursor = last ? { seq: last.seq, mac: last.mac } : null;
      const receivedAt = new Date();
      const rows = [...unique.values()].map((event) => {
        const link = nextLink(chainKey, previous, event, receivedAt);
        previous = link;
        return link;
      });
      if (rows.length > 0) await tx.auditEvent.createMany({ data: rows });
      const entries = [...unique.values()].flatMap((event, i) => disclosureEntryOf(rows[i].seq, event) ?? []);
      if (entries.length > 0) await tx.disclosureEntry.createMany({ data: entries });
      return { stored: rows.length, duplicates: events.length - rows.length };
    },
    // Appends queue on the lock; give a burst from several writers time to pass.
    { maxWait: 10_000, timeout: 30_000 },
  );
}
