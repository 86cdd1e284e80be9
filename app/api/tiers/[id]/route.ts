// One service tier for the browser: read and edit.
import { getTierResponse, tierIdParams, updateTierRequest, updateTierResponse } from "@/contracts/catalogue-api";
import { accessRequest } from "@/lib/server/access-client";
import { apiRoute, readJson, readParams } from "@/lib/server/api-route";
import { seg } from "@/lib/with-query";

export const GET = apiRoute<{ id: string }>(async ({ bearer, params }) => {
  const { id } = readParams(params, tierIdParams);
  return accessRequest("GET", `/v1/tiers/${seg(id)}`, { bearer, schema: getTierResponse });
});

export const PATCH = apiRoute<{ id: string }>(async ({ request, bearer, params }) => {
  const { id } = readParams(params, tierIdParams);
  const body = await readJson(request, updateTierRequest);
  return accessRequest("PATCH", `/v1/tiers/${seg(id)}`, { bearer, body, schema: updateTierResponse });
});
