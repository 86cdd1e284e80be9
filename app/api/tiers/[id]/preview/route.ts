// What a tier edit would change, and for which licenses, before it is saved.
import { tierIdParams, tierPreviewResponse, updateTierRequest } from "@/contracts/catalogue-api";
import { accessRequest } from "@/lib/server/access-client";
import { apiRoute, readJson, readParams } from "@/lib/server/api-route";
import { seg } from "@/lib/with-query";

export const POST = apiRoute<{ id: string }>(async ({ request, bearer, params }) => {
  const { id } = readParams(params, tierIdParams);
  const body = await readJson(request, updateTierRequest);
  return accessRequest("POST", `/v1/tiers/${seg(id)}/preview`, { bearer, body, schema: tierPreviewResponse });
});
