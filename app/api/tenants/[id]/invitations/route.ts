// A tenant's invitations for the browser: list and invite (the link comes back once).
import { createInvitationRequest, createInvitationResponse, listInvitationsResponse, tenantIdParams } from "@/contracts/tenant-api";
import { accessRequest } from "@/lib/server/access-client";
import { apiRoute, readJson, readParams } from "@/lib/server/api-route";
import { seg } from "@/lib/with-query";

export const GET = apiRoute<{ id: string }>(async ({ bearer, params }) => {
  const { id } = readParams(params, tenantIdParams);
  return accessRequest("GET", `/v1/tenants/${seg(id)}/invitations`, { bearer, schema: listInvitationsResponse });
});

export const POST = apiRoute<{ id: string }>(
  async ({ request, bearer, params }) => {
    const { id } = readParams(params, tenantIdParams);
    const body = await readJson(request, createInvitationRequest);
    return accessRequest("POST", `/v1/tenants/${seg(id)}/invitations`, { bearer, body, schema: createInvitationResponse });
  },
  { status: 201 },
);
