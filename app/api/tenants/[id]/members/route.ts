// A tenant's members for the browser, relayed to the access service.
import { listMembersResponse, tenantIdParams } from "@/contracts/tenant-api";
import { accessRequest } from "@/lib/server/access-client";
import { apiRoute, readParams } from "@/lib/server/api-route";
import { seg } from "@/lib/with-query";

export const GET = apiRoute<{ id: string }>(async ({ bearer, params }) => {
  const { id } = readParams(params, tenantIdParams);
  return accessRequest("GET", `/v1/tenants/${seg(id)}/members`, { bearer, schema: listMembersResponse });
});
