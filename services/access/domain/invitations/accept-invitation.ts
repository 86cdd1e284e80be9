// The invitee's side: see what a link offers, and accept it by choosing a name and password. The link is
// consumed atomically (the update names the usable state in its where), so it works exactly once. An
// address that already has an account is told so here, to the invitee, and the invitation stays as it
// was (pending to the inviter, as for anyone who has not accepted yet).
import { AppError } from "../../../common/http/app-error";
import { recordEvent } from "../../outbox/record-event";
import type { AccessContext, RequestMeta } from "../context";
import { hashPassword } from "../passwords/password-hash";
import { checkPasswordPolicy } from "../passwords/password-policy";
import { newId } from "../secrets/ids";
import { digestSecret, looksLikeSecret } from "../secrets/opaque-secret";
import { isUniqueViolation } from "../../db/unique-violation";
import { toUserDto } from "../users/user-dto";
import { assertInvitationUsable } from "./invitation-state";

const emailTaken = () =>
  new AppError(
    "conflict",
    "This e-mail address already has a Tessera account, and one address has one account. Sign in with it, or ask whoever invited you to invite another address.",
    { reason: "email-taken" },
  );

async function findByToken(ctx: AccessContext, token: string) {
  if (!looksLikeSecret("invitation", token)) return null;
  return ctx.prisma.invitation.findUnique({
    where: { tokenDigest: digestSecret(ctx.keys.secretDigest, token) },
    include: { tenant: { select: { name: true } } },
  });
}

export async function previewInvitation(ctx: AccessContext, token: string) {
  const invitation = await findByToken(ctx, token);
  assertInvitationUsable(invitation);
  return { tenantName: invitation.tenant.name, email: invitation.email, role: invitation.role, expiresAt: invitation.expiresAt.toISOString() };
}

export async function acceptInvitation(ctx: AccessContext, token: string, input: { name: string; password: string }, meta: RequestMeta) {
  const invitation = await findByToken(ctx, token);
  assertInvitationUsable(invitation);
  const problems = checkPasswordPolicy(input.password, { email: invitation.email, name: input.name });
  if (problems.length) throw new AppError("validation-failed", "The password does not meet the rules.", { fieldErrors: { password: problems } });
  if (await ctx.prisma.user.count({ where: { email: invitation.email } })) {
    // The address may have been taken by this very invitation, accepted a moment ago by a concurrent
    // request: then the true answer is "already used", not "e-mail taken".
    assertInvitationUsable(await findByToken(ctx, token));
    throw emailTaken();
  }
  const passwordHash = await hashPassword(input.password);

  try {
    return await ctx.prisma.$transaction(async (tx) => {
      const now = new Date();
      const claimed = await tx.invitation.updateMany({
        where: { id: invitation.id, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } },
        data: { acceptedAt: now },
      });
      if (claimed.count !== 1) {
        assertInvitationUsable(await tx.invitation.findUnique({ where: { id: invitation.id } }), now);
        throw new AppError("gone", "This invitation has already been used.", { reason: "invitation-used" });
      }
      const user = await tx.user.create({
        data: { id: newId("usr"), email: invitation.email, name: input.name, role: invitation.role, tenantId: invitation.tenantId, passwordHash },
      });
      await recordEvent(tx, {
        action: "invitation.accept",
        outcome: "success",
        actor: { type: "user", id: user.id, label: user.email },
        target: { type: "invitation", id: invitation.id },
        tenantId: invitation.tenantId,
        sourceIp: meta.sourceIp,
        requestId: meta.requestId,
        data: { userId: user.id, role: user.role, invitedById: invitation.invitedById },
      });
      return { user: toUserDto(user) };
    });
  } catch (error) {
    // Two invitations to one address (different tenants) accepted at the same moment: one wins.
    if (isUniqueViolation(error)) throw emailTaken();
    throw error;
  }
}
