// One token's introspections over time for its usage chart (?range=24h|7d|30d).
import { tokenIdParams, tokenUsageQuery, tokenUsageResponse } from "@/contracts/token-api";
import { accessRequest } from "@/lib/server/access-client";
import { apiRoute, readParams, readQuery } from "@/lib/server/api-route";
import { seg, withQuery } from "@/lib/with-query";

export const GET = apiRoute<{ id: string }>(async ({ request, bearer, params }) => {
  const { id } = readParams(params, tokenIdParams);
  const query = readQuery(request, tokenUsageQuery);
  return accessRequest("GET", withQuery(`/v1/tokens/${seg(id)}/usage`, query), { bearer, schema: tokenUsageResponse });
});
