// Retires a component (typed key as confirmation): no new license or tier scope uses it.
import { componentIdParams, getComponentResponse, retireRequest } from "@/contracts/catalogue-api";
import { accessRequest } from "@/lib/server/access-client";
import { apiRoute, readJson, readParams } from "@/lib/server/api-route";
import { seg } from "@/lib/with-query";

export const POST = apiRoute<{ id: string }>(async ({ request, bearer, params }) => {
  const { id } = readParams(params, componentIdParams);
  const body = await readJson(request, retireRequest);
  return accessRequest("POST", `/v1/components/${seg(id)}/retire`, { bearer, body, schema: getComponentResponse });
});
