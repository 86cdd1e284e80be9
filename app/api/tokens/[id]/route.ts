// One token for the browser (never its secret).
import { getTokenResponse, tokenIdParams } from "@/contracts/token-api";
import { accessRequest } from "@/lib/server/access-client";
import { apiRoute, readParams } from "@/lib/server/api-route";
import { seg } from "@/lib/with-query";

export const GET = apiRoute<{ id: string }>(async ({ bearer, params }) => {
  const { id } = readParams(params, tokenIdParams);
  return accessRequest("GET", `/v1/tokens/${seg(id)}`, { bearer, schema: getTokenResponse });
});
