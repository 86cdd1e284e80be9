// Notices of material change (policy or subprocessors), newest first, with acknowledgements: a tenant's
// people see their own district's; platform administrators every district's, unacknowledged first.
import type { AcknowledgementDto, ListNoticesResponse } from "../../../../contracts/trust-api";
import { tenantScope, type Actor } from "../actors/actor";
import type { AccessContext } from "../context";
import { toDocumentDto } from "./trust-dto";

export async function listNotices(ctx: AccessContext, actor: Actor): Promise<ListNoticesResponse> {
  const now = ctx.now();
  const scope = tenantScope(actor);
  const [documents, districts] = await Promise.all([
    ctx.prisma.trustDocumentVersion.findMany({ where: { material: true }, orderBy: [{ effectiveAt: "desc" }, { version: "desc" }] }),
    ctx.prisma.tenant.findMany({ where: { kind: "district", ...(scope.tenantId ? { id: scope.tenantId } : {}) }, select: { id: true, name: true }, orderBy: { name: "asc" } }),
  ]);
  const acks = await ctx.prisma.policyAcknowledgement.findMany({ where: { documentId: { in: documents.map((d) => d.id) }, tenantId: { in: districts.map((d) => d.id) } } });
  const users = await ctx.prisma.user.findMany({ where: { id: { in: [...new Set(acks.map((a) => a.userId))] } }, select: { id: true, name: true } });
  const nameOf = new Map(users.map((u) => [u.id, u.name]));
  const notices = documents.map((doc) => {
    const acknowledgements: AcknowledgementDto[] = districts.map((district) => {
      const ack = acks.find((a) => a.documentId === doc.id && a.tenantId === district.id);
      return { tenantId: district.id, tenantName: district.name, acknowledgedAt: ack?.createdAt.toISOString() ?? null, acknowledgedBy: ack ? (nameOf.get(ack.userId) ?? "A former member") : null };
    });
    acknowledgements.sort((a, b) => Number(a.acknowledgedAt !== null) - Number(b.acknowledgedAt !== null));
    return { document: toDocumentDto(doc), pending: doc.effectiveAt > now, acknowledgements };
  });
  return { noticeDays: ctx.settings.policyNoticeDays, notices };
}
