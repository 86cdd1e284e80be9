// Recovery after a person lost every factor (phone and recovery codes): an administrator who may manage
// them approves a reset — a platform administrator for anyone, a tenant administrator for the people of
// their own tenant whose role they could grant — never their own. The person's factors and recovery codes
// are removed and their live sessions end, so the next sign-in is with the password alone and they add a
// new authenticator; the approval itself asks the approver for a fresh second factor (step-up) and is audited.
import { grantableRoles } from "../../../../contracts/permissions";
import { AppError } from "../../../common/http/app-error";
import { recordEvent } from "../../outbox/record-event";
import { auditActor, tenantScope, type Actor } from "../actors/actor";
import type { AccessContext, RequestMeta } from "../context";
import { stepUpAuditData } from "./step-up";

export async function resetFactors(ctx: AccessContext, actor: Actor, userId: string, meta: RequestMeta): Promise<{ factorsRemoved: number; sessionsEnded: number }> {
  if (userId === actor.userId) throw new AppError("conflict", "You cannot reset your own second factors; ask another administrator.", { reason: "own-factors" });
  return ctx.prisma.$transaction(async (tx) => {
    const person = await tx.user.findFirst({ where: { AND: [{ id: userId, disabledAt: null }, tenantScope(actor)] }, select: { id: true, email: true, role: true, tenantId: true } });
    if (!person) throw new AppError("not-found", "No such person.", { reason: "user-not-found" });
    if (actor.role !== "platform_admin" && !(grantableRoles(actor.role) as string[]).includes(person.role)) {
      throw new AppError("forbidden", "You may not reset the second factors of someone whose role is above yours.", { reason: "role-above" });
    }
    const removed = await tx.secondFactor.deleteMany({ where: { userId: person.id } });
    await tx.recoveryCode.deleteMany({ where: { userId: person.id } });
    await tx.pendingSignIn.updateMany({ where: { userId: person.id, usedAt: null }, data: { usedAt: ctx.now() } });
    const ended = await tx.session.updateMany({ where: { userId: person.id, endedAt: null }, data: { endedAt: new Date(), endReason: "second-factors-reset" } });
    await recordEvent(tx, {
      action: "auth.second_factor_reset",
      outcome: "success",
      actor: auditActor(actor),
      target: { type: "user", id: person.id },
      tenantId: person.tenantId,
      sourceIp: meta.sourceIp,
      requestId: meta.requestId,
      data: { email: person.email, factorsRemoved: removed.count, sessionsEnded: ended.count, ...stepUpAuditData(meta) },
    });
    return { factorsRemoved: removed.count, sessionsEnded: ended.count };
  });
}
