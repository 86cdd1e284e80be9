// Lists a tenant's invitations, every status, newest first.
import { tenantScope, type Actor } from "../actors/actor";
import type { AccessContext } from "../context";
import { findTenantOrThrow } from "../tenants/get-tenant";
import { toInvitationDto } from "./invitation-dto";

export async function listInvitations(ctx: AccessContext, actor: Actor, tenantId: string) {
  await findTenantOrThrow(ctx.prisma, actor, tenantId);
  const rows = await ctx.prisma.invitation.findMany({
    where: { AND: [{ tenantId }, tenantScope(actor)] },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: 500,
  });
  const now = new Date();
  return { invitations: rows.map((row) => toInvitationDto(row, now)) };
}
