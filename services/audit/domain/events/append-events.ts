// Appends events to the chain, once each: serialised across every audit process on the database by a
// transaction-scoped advisory lock, so seq has no gaps and each MAC covers the one before it. Disclosure
// events get their index row (the record of disclosures) in the same transaction.
import type { AuditEvent } from "../../../../contracts/audit-api";
import type { AuditPrisma } from "../../db/prisma";
import type { ChainCursor, StoredLink } from "../chain/check-link";
import { nextLink } from "../chain/next-link";
import { disclosureEntryOf, type DisclosureEntryRow } from "../disclosures/index-disclosures";

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
      const known = await tx.$queryRaw<{ id: string }[]>`SELECT "id"::text AS "id" FROM "audit_events" WHERE "id" = ANY(${[...unique.keys()]}::uuid[])`;
      for (const row of known) unique.delete(row.id);

      const [last] = await tx.$queryRaw<{ seq: bigint; mac: string }[]>`SELECT "seq", "mac" FROM "audit_events" ORDER BY "seq" DESC LIMIT 1`;
      let previous: ChainCursor = last ? { seq: BigInt(last.seq), mac: last.mac } : null;
      const receivedAt = new Date();
      const rows = [...unique.values()].map((event) => {
        const link = nextLink(chainKey, previous, event, receivedAt);
        previous = link;
        return link;
      });
      if (rows.length > 0) await insertLinks(tx, rows);
      const entries = [...unique.values()].flatMap((event, i) => disclosureEntryOf(rows[i].seq, event) ?? []);
      if (entries.length > 0) await insertEntries(tx, entries);
      return { stored: rows.length, duplicates: events.length - rows.length };
    },
    // Appends queue on the lock; give a burst from several writers time to pass.
    { maxWait: 10_000, timeout: 30_000 },
  );
}

type Tx = Pick<AuditPrisma, "$executeRaw">;

// One statement per table for the whole batch, over column arrays: Prisma's createMany of a few hundred
// rows spent most of an append compiling its query (the profile of bench/disclosures.ts's drain).
async function insertLinks(tx: Tx, rows: StoredLink[]): Promise<void> {
  const col = <T>(pick: (r: StoredLink) => T) => rows.map(pick);
  await tx.$executeRaw`
    INSERT INTO "audit_events" ("seq", "id", "action", "tenant_id", "target_type", "target_id", "actor_id", "occurred_at", "canonical", "received_at", "prev_mac", "mac")
    SELECT * FROM unnest(
      ${col((r) => r.seq.toString())}::bigint[], ${col((r) => r.id)}::uuid[], ${col((r) => r.action)}::text[], ${col((r) => r.tenantId)}::text[],
      ${col((r) => r.targetType)}::text[], ${col((r) => r.targetId)}::text[], ${col((r) => r.actorId)}::text[], ${col((r) => r.occurredAt?.toISOString() ?? null)}::timestamptz[],
      ${col((r) => r.canonical)}::text[], ${col((r) => r.receivedAt.toISOString())}::timestamptz[], ${col((r) => r.prevMac)}::text[], ${col((r) => r.mac)}::text[])`;
}

async function insertEntries(tx: Tx, entries: DisclosureEntryRow[]): Promise<void> {
  // Student ids differ in number per row, so each row's list travels as JSON and is unpacked in SQL.
  await tx.$executeRaw`
    INSERT INTO "disclosure_entries" ("seq", "tenant_id", "kind", "occurred_at", "component", "party", "student_ids", "count")
    SELECT e.seq, e.tenant_id, e.kind, e.occurred_at, e.component, e.party, ARRAY(SELECT jsonb_array_elements_text(e.student_ids)), e.count
    FROM unnest(
      ${entries.map((e) => e.seq.toString())}::bigint[], ${entries.map((e) => e.tenantId)}::text[], ${entries.map((e) => e.kind)}::text[],
      ${entries.map((e) => e.occurredAt.toISOString())}::timestamptz[], ${entries.map((e) => e.component)}::text[], ${entries.map((e) => e.party)}::text[],
      ${entries.map((e) => JSON.stringify(e.studentIds))}::jsonb[], ${entries.map((e) => e.count)}::int[])
      AS e(seq, tenant_id, kind, occurred_at, component, party, student_ids, count)`;
}
