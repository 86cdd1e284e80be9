// Who sees which events, decided here and forced into the filter the audit service gets: platform
// administrators every event, anyone else their own tenant's only. A tenant filter naming another tenant
// selects nothing (an empty page, never an error that says the tenant exists).
import type { EventFilter } from "../../../../contracts/audit-api";
import { tenantScope, type Actor } from "../actors/actor";

export type ScopedFilter = { filter: EventFilter; empty: boolean };

export function scopedFilter(actor: Actor, requested: EventFilter): ScopedFilter {
  const { action, tenantId, actorId, targetType, targetId, from, to, q } = requested;
  const filter: EventFilter = { action, tenantId, actorId, targetType, targetId, from, to, q };
  const scope = tenantScope(actor);
  if (scope.tenantId === undefined) return { filter, empty: false };
  return { filter: { ...filter, tenantId: scope.tenantId }, empty: tenantId !== undefined && tenantId !== scope.tenantId };
}
