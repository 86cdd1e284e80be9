// Revokes one token at once, leaving its license and the license's other tokens alone.
import { getTokenResponse, tokenIdParams } from "@/contracts/token-api";
import { accessRequest } from "@/lib/server/access-client";
import { apiRoute, readParams } from "@/lib/server/api-route";
import { seg } from "@/lib/with-query";

export const POST = apiRoute<{ id: string }>(async ({ bearer, params }) => {
  const { id } = readParams(params, tokenIdParams);
  return accessRequest("POST", `/v1/tokens/${seg(id)}/revoke`, { bearer, schema: getTokenResponse });
});
