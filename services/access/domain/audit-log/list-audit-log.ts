// A page of the audit log for the console: the viewer's events (scoped-filter.ts), newest first, each
// as a sentence with names (event-sentences.ts) resolved in one look-up for the page.
import { listEventsResponse, type EventFilter, type StoredEvent } from "../../../../contracts/audit-api";
import type { AuditLogEntry, AuditLogQuery, AuditLogResponse } from "../../../../contracts/audit-log-api";
import type { Actor } from "../actors/actor";
import type { AccessContext } from "../context";
import { eventSentence } from "../../../../contracts/audit-sentences";
import { readAudit, queryString } from "./read-audit";
import { nameKey, resolveNames, withDataNames, type Names } from "./resolve-names";
import { scopedFilter } from "./scoped-filter";

export async function listAuditLog(ctx: AccessContext, actor: Actor, query: AuditLogQuery): Promise<AuditLogResponse> {
  const { filter, empty } = scopedFilter(actor, query);
  if (empty) return { events: [], nextBeforeSeq: null };
  const page = await readEventPage(ctx, filter, query.limit, query.beforeSeq);
  return { events: await describeEvents(ctx, page.events), nextBeforeSeq: page.nextBeforeSeq };
}

export function readEventPage(ctx: AccessContext, filter: EventFilter, limit: number, beforeSeq?: number) {
  return readAudit(ctx, `/v1/events?${queryString({ ...filter, limit, beforeSeq })}`, listEventsResponse);
}

/** Events with their names and sentences (one name look-up for all of them). */
export async function describeEvents(ctx: AccessContext, events: StoredEvent[]): Promise<AuditLogEntry[]> {
  const names = await resolveNames(ctx.prisma, events);
  return events.map((e) => describeEvent(e, names));
}

/** One event with its names and sentence, the names resolved beforehand (resolveNames) for its page. */
export function describeEvent(e: StoredEvent, names: Names): AuditLogEntry {
  const actorName = actorNameOf(e, names);
  const targetName = e.target ? (names.get(nameKey(e.target.type, e.target.id)) ?? targetFallback(e.target)) : null;
  const tenantName = e.tenantId ? (names.get(nameKey("tenant", e.tenantId)) ?? e.tenantId) : null;
  return {
    seq: e.seq,
    id: e.id,
    occurredAt: e.occurredAt,
    action: e.action,
    outcome: e.outcome,
    sentence: eventSentence({ action: e.action, outcome: e.outcome, actorName, targetName, targetType: e.target?.type ?? null, tenantName, data: withDataNames(e.data, names) }),
    actor: { type: e.actor.type, id: e.actor.id, name: actorName },
    target: e.target ? { type: e.target.type, id: e.target.id, name: targetName ?? e.target.id } : null,
    tenant: e.tenantId ? { id: e.tenantId, name: tenantName ?? e.tenantId } : null,
    sourceIp: e.sourceIp,
    requestId: e.requestId,
    data: e.data,
  };
}

function actorNameOf(e: StoredEvent, names: Names): string {
  if (e.actor.type === "user" && e.actor.id) return names.get(nameKey("user", e.actor.id)) ?? e.actor.label ?? e.actor.id;
  if (e.actor.type === "operator") return e.actor.label ? `The operator (${e.actor.label})` : "The operator";
  if (e.actor.type === "service") return e.actor.label ?? e.actor.id ?? "A service";
  return e.actor.label ?? "Someone";
}

const fallbacks: Record<string, string> = { session: "a session", setup_link: "a setup link", keyring: "the storage keyring" };
function targetFallback(target: { type: string; id: string }): string {
  return fallbacks[target.type] ?? target.id;
}
