// Makes the stored form of one event placed after `previous` in the chain: the rule appends follow.
import type { AuditEvent } from "../../../../contracts/audit-api";
import { canonicalJson } from "./canonical-json";
import type { ChainCursor, StoredLink } from "./check-link";
import { computeMac, genesisMac } from "./compute-mac";

export function nextLink(chainKey: Buffer, previous: ChainCursor, event: AuditEvent, receivedAt: Date): StoredLink {
  const seq = previous ? previous.seq + 1n : 1n;
  const prevMac = previous ? previous.mac : genesisMac;
  const canonical = canonicalJson(event);
  const mac = computeMac(chainKey, { seq, receivedAt, canonical, prevMac });
  return {
    seq,
    id: event.id,
    action: event.action,
    tenantId: event.tenantId,
    targetType: event.target?.type ?? null,
    targetId: event.target?.id ?? null,
    actorId: event.actor.id,
    occurredAt: new Date(event.occurredAt),
    canonical,
    receivedAt,
    prevMac,
    mac,
  };
}
