// Who a catalogue or tier change is recorded against: a signed-in person's request, or the service
// itself (the default catalogue seeded at start).
import type { RecordableEvent } from "../../outbox/record-event";
import { auditActor, type Actor } from "../actors/actor";
import type { RequestMeta } from "../context";

export type ChangeAuthor = { actor: RecordableEvent["actor"]; sourceIp: string | null; requestId: string | null };

export function personAuthor(actor: Actor, meta: RequestMeta): ChangeAuthor {
  return { actor: auditActor(actor), sourceIp: meta.sourceIp, requestId: meta.requestId };
}

export const accessServiceAuthor: ChangeAuthor = {
  actor: { type: "service", id: "access", label: "service/access" },
  sourceIp: null,
  requestId: null,
};
