// The record of disclosures' index: for each disclosure event appended (a component's report, or accesses
// through a district's credential), a row of the fields the record filters by, written in the append's own
// transaction so the index never lacks an event the chain holds. The event (canonical JSON under the MAC)
// stays the record; a row is only a way to find it.
import type { AuditEvent } from "../../../../contracts/audit-api";

export const disclosureActions = { "disclosure.report": "report", "disclosure.access": "access" } as const;

export type DisclosureEntryRow = { seq: bigint; tenantId: string; kind: string; occurredAt: Date; component: string; party: string; studentIds: string[]; count: number };

const text = (v: unknown, fallback: string) => (typeof v === "string" && v ? v : fallback);
const validDate = (v: unknown, fallback: string) => {
  const d = new Date(typeof v === "string" ? v : fallback);
  return Number.isNaN(d.getTime()) ? new Date(fallback) : d;
};

/** The index row of one stored event, or null when it is not a disclosure of a tenant's data. */
export function disclosureEntryOf(seq: bigint, event: AuditEvent): DisclosureEntryRow | null {
  const kind = disclosureActions[event.action as keyof typeof disclosureActions];
  if (!kind || !event.tenantId || event.outcome !== "success") return null;
  const component = text(event.actor.id, "unknown");
  const data = event.data;
  if (kind === "report") {
    const ids = Array.isArray(data.studentIds) ? data.studentIds.filter((s): s is string => typeof s === "string") : [];
    return { seq, tenantId: event.tenantId, kind, occurredAt: validDate(data.disclosedAt, event.occurredAt), component, party: text(data.party, component), studentIds: ids, count: 1 };
  }
  const count = typeof data.count === "number" && Number.isInteger(data.count) && data.count > 0 ? data.count : 1;
  return { seq, tenantId: event.tenantId, kind, occurredAt: validDate(data.minute, event.occurredAt), component, party: component, studentIds: [], count };
}
