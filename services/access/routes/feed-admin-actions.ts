// Every change a signed-in person made (a POST, PUT, PATCH or DELETE that succeeded) is told to the anomaly
// detector after the answer is sent (a push, never awaited): the declared route names the action, so the
// detector's keys stay bounded. The audit trail records the same actions durably; this is only its feed.
import type { FastifyInstance } from "fastify";
import type { AccessContext } from "../domain/context";
import { requestMeta } from "./request-meta";
import { personOf } from "./require-actor";

const changes = new Set(["POST", "PUT", "PATCH", "DELETE"]);

export function feedAdminActions(app: FastifyInstance, ctx: AccessContext): void {
  if (!ctx.detector) return;
  const detector = ctx.detector;
  app.addHook("onResponse", async (request, reply) => {
    if (!changes.has(request.method) || reply.statusCode >= 400) return;
    const person = personOf(request);
    if (!person) return;
    detector.push({ type: "admin", at: ctx.now().getTime(), tenantId: person.tenantId, userId: person.userId, action: `${request.method} ${request.routeOptions.url ?? "unmatched"}`, address: requestMeta(request).sourceIp });
  });
}
