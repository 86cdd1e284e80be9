// Invites a person into a tenant with a role the inviter may grant. The link's token is returned once
// and stored only as a keyed digest; it is valid for 7 days. An address with an account in another
// tenant (or of the vendor's staff) is invited exactly as a new one: the inviter learns nothing about
// other tenants, and the invitee is told when accepting (accept-invitation.ts).
import type { z } from "zod";
import { grantableRoles } from "../../../../contracts/permissions";
import type { createInvitationRequest } from "../../../../contracts/tenant-api";
import { AppError } from "../../../common/http/app-error";
import { recordEvent } from "../../outbox/record-event";
import { auditActor, type Actor } from "../actors/actor";
import type { AccessContext, RequestMeta } from "../context";
import { newId } from "../secrets/ids";
import { createSecret, digestSecret } from "../secrets/opaque-secret";
import { findTenantOrThrow } from "../tenants/get-tenant";
import { toInvitationDto } from "./invitation-dto";

export const invitationLifetimeMs = 7 * 24 * 60 * 60 * 1000;

export async function createInvitation(
  ctx: AccessContext,
  actor: Actor,
  tenantId: string,
  input: z.infer<typeof createInvitationRequest>,
  meta: RequestMeta,
) {
  if (!grantableRoles(actor.role).includes(input.role)) throw new AppError("forbidden", "You may not grant a role above your own.");
  const token = createSecret("invitation");

  const invitation = await ctx.prisma.$transaction(async (tx) => {
    await findTenantOrThrow(tx, actor, tenantId);
    // Invitations to one tenant take turns, so two identical requests cannot both pass the checks below.
    await tx.$queryRaw`SELECT 1 FROM tenants WHERE id = ${tenantId} FOR UPDATE`;
    const now = new Date();
    // Only this tenant's own members are named: the inviter can list them anyway.
    if (await tx.user.count({ where: { email: input.email, tenantId } })) {
      throw new AppError("conflict", "This person is already a member of this organisation.", {
        reason: "already-member",
        fieldErrors: { email: ["This person is already a member of this organisation."] },
      });
    }
    const pending = { tenantId, email: input.email, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } };
    if (await tx.invitation.count({ where: pending })) {
      throw new AppError("conflict", "This address already has a pending invitation.", {
        reason: "invitation-pending",
        fieldErrors: { email: ["This address already has a pending invitation. Revoke it to send a new one."] },
      });
    }
    const created = await tx.invitation.create({
      data: {
        id: newId("inv"),
        tenantId,
        email: input.email,
        role: input.role,
        tokenDigest: digestSecret(ctx.keys.secretDigest, token),
        invitedById: actor.userId,
        expiresAt: new Date(now.getTime() + invitationLifetimeMs),
      },
    });
    await recordEvent(tx, {
      action: "invitation.create",
      outcome: "success",
      actor: auditActor(actor),
      target: { type: "invitation", id: created.id },
      tenantId,
      sourceIp: meta.sourceIp,
      requestId: meta.requestId,
      data: { email: created.email, role: created.role, expiresAt: created.expiresAt.toISOString() },
    });
    return created;
  });
  return { invitation: toInvitationDto(invitation), inviteUrl: `${ctx.settings.publicUrl.replace(/\/+$/, "")}/invitations/${token}` };
}
