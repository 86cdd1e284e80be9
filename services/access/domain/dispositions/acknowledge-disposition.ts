// A component's acknowledgement over mTLS that it has deleted its part of a district's disposition request.
// Admitted only for a part whose component the calling identity serves (its resource servers, as for
// introspection and validation); anything else answers exactly as an unknown request. The last
// acknowledgement runs Tessera's own part and issues the certificate in the same transaction.
import type { AcknowledgeDispositionRequest, PendingDispositionsResponse } from "../../../../contracts/disposition-api";
import { AppError } from "../../../common/http/app-error";
import { recordEvent } from "../../outbox/record-event";
import { serviceActor } from "../actors/actor";
import type { AccessContext, RequestMeta } from "../context";
import { completeDisposition } from "./complete-disposition";
import { dispositionNotFound } from "./disposition-dto";

export async function acknowledgeDisposition(ctx: AccessContext, caller: string, id: string, input: AcknowledgeDispositionRequest, meta: RequestMeta) {
  return ctx.prisma.$transaction(async (tx) => {
    // One acknowledgement at a time per request, so exactly one of them is the last and completes it.
    const locked = await tx.$queryRaw<{ id: string }[]>`SELECT "id" FROM "disposition_requests" WHERE "id" = ${id} FOR UPDATE`;
    const part = locked.length
      ? await tx.dispositionPart.findFirst({
          where: { dispositionId: id, componentKey: input.component },
          select: { componentId: true, componentName: true, acknowledgedAt: true, disposition: { select: { tenantId: true, auditEventIds: true } } },
        })
      : null;
    const serves = part ? await tx.resourceServer.findUnique({ where: { componentId_identity: { componentId: part.componentId, identity: caller } }, select: { identity: true } }) : null;
    if (!part || !serves) throw dispositionNotFound();
    if (part.acknowledgedAt) {
      throw new AppError("conflict", `${part.componentName} acknowledged this request on ${part.acknowledgedAt.toISOString()}; an acknowledgement is given once.`, { reason: "already-acknowledged" });
    }
    const now = ctx.now();
    const event = await recordEvent(tx, {
      action: "disposition.acknowledge",
      outcome: "success",
      actor: serviceActor(caller),
      target: { type: "disposition", id },
      tenantId: part.disposition.tenantId,
      sourceIp: meta.sourceIp,
      requestId: meta.requestId,
      data: { component: input.component, statement: input.statement },
    });
    await tx.dispositionPart.update({
      where: { dispositionId_componentId: { dispositionId: id, componentId: part.componentId } },
      data: { acknowledgedAt: now, acknowledgedBy: caller, statement: input.statement, auditEventId: event.id },
    });
    await tx.dispositionRequest.update({ where: { id }, data: { auditEventIds: { push: event.id } } });
    const awaiting = await tx.dispositionPart.findMany({ where: { dispositionId: id, acknowledgedAt: null }, select: { componentName: true }, orderBy: { componentKey: "asc" } });
    if (awaiting.length === 0) await completeDisposition(ctx, tx, id, meta);
    return { disposition: { id, state: awaiting.length === 0 ? ("complete" as const) : ("awaiting-components" as const), awaiting: awaiting.map((p) => p.componentName) } };
  });
}

/** The parts still to delete for the components the caller serves, oldest first (at most 500). */
export async function listPendingDispositions(ctx: AccessContext, caller: string): Promise<PendingDispositionsResponse> {
  const parts = await ctx.prisma.dispositionPart.findMany({
    where: { acknowledgedAt: null, componentId: { in: (await ctx.prisma.resourceServer.findMany({ where: { identity: caller }, select: { componentId: true } })).map((r) => r.componentId) } },
    select: { componentKey: true, disposition: { select: { id: true, tenantId: true, scope: true, studentIds: true, createdAt: true } } },
    orderBy: { disposition: { createdAt: "asc" } },
    take: 500,
  });
  return {
    pending: parts.map((p) => ({
      dispositionId: p.disposition.id,
      tenantId: p.disposition.tenantId,
      component: p.componentKey,
      scope: p.disposition.scope as PendingDispositionsResponse["pending"][number]["scope"],
      studentIds: p.disposition.studentIds,
      createdAt: p.disposition.createdAt.toISOString(),
    })),
  };
}
