// A district's administrator acknowledges a notice of material change for the district (compliance.write),
// audited in the district's log. Once per district; a company or a platform administrator has nothing to
// acknowledge.
import type { AcknowledgementDto } from "../../../../contracts/trust-api";
import { AppError } from "../../../common/http/app-error";
import { isUniqueViolation } from "../../db/unique-violation";
import { recordEvent } from "../../outbox/record-event";
import { auditActor, type Actor } from "../actors/actor";
import type { AccessContext, RequestMeta } from "../context";

const already = () => new AppError("conflict", "Your district has already acknowledged this notice.");

export async function acknowledgeNotice(ctx: AccessContext, actor: Actor, documentId: string, meta: RequestMeta): Promise<{ acknowledgement: AcknowledgementDto }> {
  if (!actor.tenantId) throw new AppError("conflict", "Notices are acknowledged by a district's own administrators; platform administrators belong to no district.");
  const tenantId = actor.tenantId;
  try {
    return await ctx.prisma.$transaction(async (tx) => {
      const document = await tx.trustDocumentVersion.findFirst({ where: { id: documentId, material: true }, select: { id: true, kind: true, version: true } });
      if (!document) throw new AppError("not-found", "No such notice.");
      const tenant = await tx.tenant.findUnique({ where: { id: tenantId }, select: { kind: true, name: true } });
      if (tenant?.kind !== "district") throw new AppError("conflict", "Only districts acknowledge notices of policy changes.");
      if (await tx.policyAcknowledgement.findUnique({ where: { documentId_tenantId: { documentId, tenantId } }, select: { tenantId: true } })) throw already();
      const row = await tx.policyAcknowledgement.create({ data: { documentId, tenantId, userId: actor.userId, createdAt: ctx.now() } });
      await recordEvent(tx, {
        action: "policy.notice_acknowledge",
        outcome: "success",
        actor: auditActor(actor),
        target: { type: "trust_document", id: documentId },
        tenantId,
        sourceIp: meta.sourceIp,
        requestId: meta.requestId,
        data: { kind: document.kind, version: document.version },
      });
      return { acknowledgement: { tenantId, tenantName: tenant.name, acknowledgedAt: row.createdAt.toISOString(), acknowledgedBy: actor.name } };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw already();
    throw error;
  }
}
