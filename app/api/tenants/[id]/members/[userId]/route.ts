// Removes a member from a tenant (the access service disables them and ends their sessions).
import { memberParams, removeMemberResponse } from "@/contracts/tenant-api";
import { accessRequest } from "@/lib/server/access-client";
import { apiRoute, readParams } from "@/lib/server/api-route";
import { seg } from "@/lib/with-query";

export const DELETE = apiRoute<{ id: string; userId: string }>(async ({ bearer, params }) => {
  const { id, userId } = readParams(params, memberParams);
  return accessRequest("DELETE", `/v1/tenants/${seg(id)}/members/${seg(userId)}`, { bearer, schema: removeMemberResponse });
});
