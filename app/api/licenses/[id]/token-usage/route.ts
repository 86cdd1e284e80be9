// A license's token introspections over time, and its busiest tokens, for its usage chart (?range=24h|7d|30d).
import { licenseIdParams } from "@/contracts/license-api";
import { licenseTokenUsageResponse, tokenUsageQuery } from "@/contracts/token-api";
import { accessRequest } from "@/lib/server/access-client";
import { apiRoute, readParams, readQuery } from "@/lib/server/api-route";
import { seg, withQuery } from "@/lib/with-query";

export const GET = apiRoute<{ id: string }>(async ({ request, bearer, params }) => {
  const { id } = readParams(params, licenseIdParams);
  const query = readQuery(request, tokenUsageQuery);
  return accessRequest("GET", withQuery(`/v1/licenses/${seg(id)}/token-usage`, query), { bearer, schema: licenseTokenUsageResponse });
});
