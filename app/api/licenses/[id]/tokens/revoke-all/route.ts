// Revokes every live token of a license at once.
import { licenseIdParams } from "@/contracts/license-api";
import { revokeAllTokensResponse } from "@/contracts/token-api";
import { accessRequest } from "@/lib/server/access-client";
import { apiRoute, readParams } from "@/lib/server/api-route";
import { seg } from "@/lib/with-query";

export const POST = apiRoute<{ id: string }>(async ({ bearer, params }) => {
  const { id } = readParams(params, licenseIdParams);
  return accessRequest("POST", `/v1/licenses/${seg(id)}/tokens/revoke-all`, { bearer, schema: revokeAllTokensResponse });
});
