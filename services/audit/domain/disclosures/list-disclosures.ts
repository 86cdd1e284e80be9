// A tenant's record of disclosures from the index (index-disclosures.ts), newest first, in keyset pages
// of (occurred at, seq), filtered by time, component, party, kind and student id; each line is read back
// from the stored event it indexes. And the chart's counts per day and component over the same filters.
import type { z } from "zod";
import type { AuditEvent } from "../../../../contracts/audit-api";
import type { auditDisclosureActivityQuery, auditDisclosuresQuery, DisclosureActivityResponse, DisclosureRecord, ListDisclosuresResponse } from "../../../../contracts/disclosure-api";
import type { AuditPrisma } from "../../db/prisma";
import { Prisma } from "../../generated/prisma/client";

type Filters = z.infer<typeof auditDisclosureActivityQuery>;

function conditions(f: Filters): Prisma.Sql {
  const where = [Prisma.sql`d."tenant_id" = ${f.tenantId}`];
  if (f.from) where.push(Prisma.sql`d."occurred_at" >= ${new Date(f.from)}`);
  if (f.to) where.push(Prisma.sql`d."occurred_at" < ${new Date(f.to)}`);
  if (f.component) where.push(Prisma.sql`d."component" = ${f.component}`);
  if (f.party) where.push(Prisma.sql`d."party" = ${f.party}`);
  if (f.kind) where.push(Prisma.sql`d."kind" = ${f.kind}`);
  if (f.studentId) where.push(Prisma.sql`d."student_ids" @> ARRAY[${f.studentId}]::text[]`);
  return Prisma.join(where, " AND ");
}

type Row = { seq: bigint; kind: string; occurred_at: Date; canonical: string };

export async function listDisclosures(prisma: AuditPrisma, q: z.infer<typeof auditDisclosuresQuery>): Promise<ListDisclosuresResponse> {
  let where = conditions(q);
  if (q.cursor) {
    const [ms, seq] = q.cursor.split(".");
    where = Prisma.sql`${where} AND (d."occurred_at", d."seq") < (${new Date(Number(ms))}, ${BigInt(seq)})`;
  }
  const rows = await prisma.$queryRaw<Row[]>`
    SELECT d."seq", d."kind", d."occurred_at", e."canonical"
    FROM "disclosure_entries" d JOIN "audit_events" e ON e."seq" = d."seq"
    WHERE ${where}
    ORDER BY d."occurred_at" DESC, d."seq" DESC
    LIMIT ${q.limit + 1}`;
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  return {
    records: page.map(toRecord),
    nextCursor: rows.length > q.limit && last ? `${last.occurred_at.getTime()}.${last.seq}` : null,
  };
}

export async function disclosureActivity(prisma: AuditPrisma, q: Filters): Promise<DisclosureActivityResponse> {
  const rows = await prisma.$queryRaw<{ day: Date; component: string; count: bigint }[]>`
    SELECT date_trunc('day', d."occurred_at" AT TIME ZONE 'UTC') AS "day", d."component", sum(d."count") AS "count"
    FROM "disclosure_entries" d WHERE ${conditions(q)}
    GROUP BY 1, 2 ORDER BY 1, 2 LIMIT 5000`;
  return { days: rows.map((r) => ({ day: r.day.toISOString().slice(0, 10), component: r.component, count: Number(r.count) })) };
}

const str = (v: unknown): string | null => (typeof v === "string" ? v : null);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((s): s is string => typeof s === "string") : []);

function toRecord(row: Row): DisclosureRecord {
  const e = JSON.parse(row.canonical) as AuditEvent;
  const d = e.data;
  const component = e.actor.id ?? "unknown";
  const report = row.kind === "report";
  return {
    seq: Number(row.seq),
    eventId: e.id,
    kind: report ? "report" : "access",
    tenantId: e.tenantId ?? "",
    occurredAt: row.occurred_at.toISOString(),
    component,
    party: report ? (str(d.party) ?? component) : component,
    legitimateInterest: report ? str(d.legitimateInterest) : str(d.purpose),
    category: report ? str(d.category) : null,
    studentIds: report ? strings(d.studentIds) : [],
    credential: e.target,
    clientId: str(d.clientId),
    personId: str(d.personId),
    scopes: strings(d.scopes),
    count: typeof d.count === "number" ? d.count : 1,
    reportId: str(d.reportId),
  };
}
