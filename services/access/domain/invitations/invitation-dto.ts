// What the outside world sees of an invitation: never the token or its digest.
import type { InvitationDto } from "../../../../contracts/tenant-api";
import type { Invitation } from "../../generated/prisma/client";
import { invitationStatus } from "./invitation-state";

export function toInvitationDto(invitation: Invitation, now = new Date()): InvitationDto {
  return {
    id: invitation.id,
    tenantId: invitation.tenantId,
    email: invitation.email,
    role: invitation.role as InvitationDto["role"],
    status: invitationStatus(invitation, now),
    invitedById: invitation.invitedById,
    createdAt: invitation.createdAt.toISOString(),
    expiresAt: invitation.expiresAt.toISOString(),
    acceptedAt: invitation.acceptedAt?.toISOString() ?? null,
    revokedAt: invitation.revokedAt?.toISOString() ?? null,
  };
}
