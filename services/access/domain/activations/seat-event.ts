// The audit event of a component's seat change (take, rename, release): in the license's tenant's log,
// the license as target, the component's certificate identity as actor.
import { recordEvent, type OutboxWriter, type RecordableEvent } from "../../outbox/record-event";
import { serviceActor } from "../actors/actor";
import type { RequestMeta } from "../context";

export function recordSeatEvent(tx: OutboxWriter, action: RecordableEvent["action"], caller: string, license: { id: string; tenantId: string }, meta: RequestMeta, data: RecordableEvent["data"]) {
  return recordEvent(tx, { action, outcome: "success", actor: serviceActor(caller), target: { type: "license", id: license.id }, tenantId: license.tenantId, sourceIp: meta.sourceIp, requestId: meta.requestId, data });
}
