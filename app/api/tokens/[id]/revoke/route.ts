// Revokes one token at once, leaving its license and the license's other tokens alone; the body may say why ("leaked").
import { getTokenResponse, revokeTokenRequest, tokenIdParams } from "@/contracts/token-api";
import { accessRequest } from "@/lib/server/access-client";
import { apiRoute, readJson, readParams } from "@/lib/server/api-route";
import { seg } from "@/lib/with-query";

export const POST = apiRoute<{ id: string }>(async ({ request, bearer, params }) => {
  const { id } = readParams(params, tokenIdParams);
  const body = request.headers.get("content-type") ? await readJson(request, revokeTokenRequest) : revokeTokenRequest.parse({});
  return accessRequest("POST", `/v1/tokens/${seg(id)}/revoke`, { bearer, body, schema: getTokenResponse });
});
