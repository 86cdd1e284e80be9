// The one translation of an event filter into a query: each filter is a column the audit service keeps
// as a checked copy of the event's JSON, with an index ending in seq so that pages (seq keyset, newest
// first) stay an index walk: action (action, seq), tenant (tenant_id, seq), actor (actor_id, seq),
// target (target_type, target_id, seq) or (target_id, seq), time (occurred_at, seq). The text search
// reads the canonical JSON and is bounded by whichever other filter comes with it.
import type { EventFilter } from "../../../../contracts/audit-api";
import type { Prisma } from "../../generated/prisma/client";
import { likeEscape } from "../../../common/db/like-escape";

export function eventWhere(filter: EventFilter): Prisma.AuditEventWhereInput {
  const action = filter.action;
  return {
    ...(action !== undefined ? { action: action.endsWith(".") ? { startsWith: likeEscape(action) } : action } : {}),
    ...(filter.tenantId !== undefined ? { tenantId: filter.tenantId } : {}),
    ...(filter.actorId !== undefined ? { actorId: filter.actorId } : {}),
    ...(filter.targetType !== undefined ? { targetType: filter.targetType } : {}),
    ...(filter.targetId !== undefined ? { targetId: filter.targetId } : {}),
    ...(filter.from !== undefined || filter.to !== undefined
      ? { occurredAt: { ...(filter.from ? { gte: new Date(filter.from) } : {}), ...(filter.to ? { lt: new Date(filter.to) } : {}) } }
      : {}),
    ...(filter.q !== undefined ? { canonical: { contains: likeEscape(filter.q), mode: "insensitive" as const } } : {}),
  };
}

/** The filter fields of a parsed query, without its paging. */
export function filterOf(input: EventFilter): EventFilter {
  const { action, tenantId, actorId, targetType, targetId, from, to, q } = input;
  return { action, tenantId, actorId, targetType, targetId, from, to, q };
}
