// Withdraws a pending invitation so its link no longer works. Only a pending one can be revoked; the
// update names the pending state in its where, so it cannot race an acceptance.
import { AppError } from "../../../common/http/app-error";
import { recordEvent } from "../../outbox/record-event";
import { auditActor, tenantScope, type Actor } from "../actors/actor";
import type { AccessContext, RequestMeta } from "../context";
import { findTenantOrThrow } from "../tenants/get-tenant";
import { toInvitationDto } from "./invitation-dto";
import { invitationStatus } from "./invitation-state";

export async function revokeInvitation(ctx: AccessContext, actor: Actor, tenantId: string, invitationId: string, meta: RequestMeta) {
  return ctx.prisma.$transaction(async (tx) => {
    await findTenantOrThrow(tx, actor, tenantId);
    const mine = { AND: [{ id: invitationId, tenantId }, tenantScope(actor)] };
    const now = new Date();
    const revoked = await tx.invitation.updateMany({
      where: { ...mine, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } },
      data: { revokedAt: now },
    });
    const invitation = await tx.invitation.findFirst({ where: mine });
    if (!invitation) throw new AppError("not-found", "No such invitation in this tenant.", { reason: "invitation-not-found" });
    if (revoked.count !== 1) {
      throw new AppError("conflict", `This invitation is ${invitationStatus(invitation, now)}, not pending.`, { reason: `invitation-${invitationStatus(invitation, now)}` });
    }
    await recordEvent(tx, {
      action: "invitation.revoke",
      outcome: "success",
      actor: auditActor(actor),
      target: { type: "invitation", id: invitation.id },
      tenantId,
      sourceIp: meta.sourceIp,
      requestId: meta.requestId,
      data: { email: invitation.email, role: invitation.role },
    });
    return { invitation: toInvitationDto(invitation, now) };
  });
}
