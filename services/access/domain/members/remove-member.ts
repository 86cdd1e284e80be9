// Removes a person from their tenant: they are disabled (kept, so the audit trail still names them) and
// their sessions end. Nobody removes someone of a higher rank, and the last tenant admin cannot remove
// themselves, which would leave the tenant with nobody to manage it.
import { grantableRoles } from "../../../../contracts/permissions";
import { AppError } from "../../../common/http/app-error";
import { recordEvent } from "../../outbox/record-event";
import { auditActor, tenantScope, type Actor } from "../actors/actor";
import type { AccessContext, RequestMeta } from "../context";
import { findTenantOrThrow } from "../tenants/get-tenant";
import { toMemberDto } from "./member-dto";

export async function removeMember(ctx: AccessContext, actor: Actor, tenantId: string, userId: string, meta: RequestMeta) {
  return ctx.prisma.$transaction(async (tx) => {
    await findTenantOrThrow(tx, actor, tenantId);
    // Removals in one tenant take turns, so two admins removing themselves at once cannot both be "not the last".
    await tx.$queryRaw`SELECT 1 FROM tenants WHERE id = ${tenantId} FOR UPDATE`;
    const member = await tx.user.findFirst({ where: { AND: [{ id: userId, tenantId }, tenantScope(actor)] } });
    if (!member) throw new AppError("not-found", "No such member in this tenant.", { reason: "member-not-found" });
    if (!(grantableRoles(actor.role) as string[]).includes(member.role)) {
      throw new AppError("forbidden", "You may not remove someone whose role is above yours.");
    }
    if (member.disabledAt) throw new AppError("conflict", "This person has already been removed.", { reason: "member-already-removed" });
    if (member.id === actor.userId && member.role === "tenant_admin") {
      const otherAdmins = await tx.user.count({ where: { tenantId, role: "tenant_admin", disabledAt: null, id: { not: member.id } } });
      if (otherAdmins === 0) {
        throw new AppError("conflict", "You are this tenant's last administrator. Make someone else an administrator first.", { reason: "last-tenant-admin" });
      }
    }

    const now = new Date();
    await tx.user.updateMany({ where: { AND: [{ id: member.id, tenantId, disabledAt: null }, tenantScope(actor)] }, data: { disabledAt: now } });
    const ended = await tx.session.updateMany({ where: { userId: member.id, endedAt: null }, data: { endedAt: now, endReason: "user-disabled" } });
    await recordEvent(tx, {
      action: "member.remove",
      outcome: "success",
      actor: auditActor(actor),
      target: { type: "user", id: member.id },
      tenantId,
      sourceIp: meta.sourceIp,
      requestId: meta.requestId,
      data: { email: member.email, role: member.role, sessionsEnded: ended.count },
    });
    return { member: toMemberDto({ ...member, disabledAt: now }) };
  });
}
