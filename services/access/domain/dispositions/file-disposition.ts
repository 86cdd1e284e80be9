// Files a district's disposition request: checks the district and the components named, makes one part per
// licensed component concerned, and audits it. With no component concerned it completes at once (Tessera's
// part and the certificate: complete-disposition.ts).
import type { FileDispositionRequest } from "../../../../contracts/disposition-api";
import { AppError } from "../../../common/http/app-error";
import { recordEvent } from "../../outbox/record-event";
import { auditActor, tenantScope, type Actor } from "../actors/actor";
import type { AccessContext, RequestMeta, TransactionClient } from "../context";
import { newId } from "../secrets/ids";
import { completeDisposition } from "./complete-disposition";
import { dispositionSelect, tenantsOf, toDispositionDto } from "./disposition-dto";

const invalidField = (field: string, message: string) => new AppError("validation-failed", "The request has invalid fields.", { fieldErrors: { [field]: [message] } });

export async function fileDisposition(ctx: AccessContext, actor: Actor, input: FileDispositionRequest, meta: RequestMeta) {
  return ctx.prisma.$transaction(async (tx) => fileDispositionIn(ctx, tx, actor, input, meta));
}

/** The same inside a caller's transaction (closing a tenant files its all-data request with the close). */
export async function fileDispositionIn(ctx: AccessContext, tx: TransactionClient, actor: Actor, input: FileDispositionRequest, meta: RequestMeta) {
  const scope = tenantScope(actor);
  const tenantId = scope.tenantId ?? input.tenantId;
  if (!tenantId) throw invalidField("tenantId", "Choose the district.");
  {
    // Another tenant's id answers as an unknown one.
    const foreign = scope.tenantId !== undefined && input.tenantId !== undefined && input.tenantId !== scope.tenantId;
    const tenant = foreign ? null : await tx.tenant.findUnique({ where: { id: tenantId }, select: { id: true, kind: true } });
    if (!tenant) throw invalidField("tenantId", "No such district.");
    if (tenant.kind !== "district") throw invalidField("tenantId", "Only a school district files a disposition request.");

    // Every component that ever held a license of the district may hold its data.
    const licensed = await tx.component.findMany({ where: { licenses: { some: { tenantId } } }, select: { id: true, key: true, name: true }, orderBy: { key: "asc" } });
    let concerned = licensed;
    if (input.scope === "components") {
      const chosen = [...new Set(input.componentIds)];
      const unknown = chosen.filter((id) => !licensed.some((c) => c.id === id));
      if (unknown.length) throw invalidField("componentIds", "Choose only components licensed to this district.");
      concerned = licensed.filter((c) => chosen.includes(c.id));
    }
    const id = newId("dsp");
    const studentIds = input.scope === "students" ? [...new Set(input.studentIds)] : [];
    const event = await recordEvent(tx, {
      action: "disposition.file",
      outcome: "success",
      actor: auditActor(actor),
      target: { type: "disposition", id },
      tenantId,
      sourceIp: meta.sourceIp,
      requestId: meta.requestId,
      data: { scope: input.scope, components: concerned.map((c) => c.key), students: studentIds.length },
    });
    await tx.dispositionRequest.create({
      data: {
        id,
        tenantId,
        scope: input.scope,
        studentIds,
        reason: input.reason ?? "",
        requestedById: actor.userId,
        requestedBy: actor.email,
        createdAt: ctx.now(),
        auditEventIds: [event.id],
        parts: { create: concerned.map((c) => ({ componentId: c.id, componentKey: c.key, componentName: c.name })) },
      },
      select: { id: true },
    });
    if (concerned.length === 0) await completeDisposition(ctx, tx, id, meta);
    const row = await tx.dispositionRequest.findUniqueOrThrow({ where: { id }, select: dispositionSelect });
    return { disposition: toDispositionDto(row, (await tenantsOf(tx, [row])).get(tenantId)) };
  }
}
