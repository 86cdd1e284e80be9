// Revokes a pending invitation.
import { invitationParams, revokeInvitationResponse } from "@/contracts/tenant-api";
import { accessRequest } from "@/lib/server/access-client";
import { apiRoute, readParams } from "@/lib/server/api-route";
import { seg } from "@/lib/with-query";

export const DELETE = apiRoute<{ id: string; invitationId: string }>(async ({ bearer, params }) => {
  const { id, invitationId } = readParams(params, invitationParams);
  return accessRequest("DELETE", `/v1/tenants/${seg(id)}/invitations/${seg(invitationId)}`, { bearer, schema: revokeInvitationResponse });
});
