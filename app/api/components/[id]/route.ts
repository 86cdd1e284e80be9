// One component with its scopes (the component's page).
import { componentIdParams, getComponentResponse } from "@/contracts/catalogue-api";
import { accessRequest } from "@/lib/server/access-client";
import { apiRoute, readParams } from "@/lib/server/api-route";
import { seg } from "@/lib/with-query";

export const GET = apiRoute<{ id: string }>(async ({ bearer, params }) => {
  const { id } = readParams(params, componentIdParams);
  return accessRequest("GET", `/v1/components/${seg(id)}`, { bearer, schema: getComponentResponse });
});
