// One component with its scopes (the component's page), and its rename.
import { componentIdParams, getComponentResponse, renameComponentRequest } from "@/contracts/catalogue-api";
import { accessRequest } from "@/lib/server/access-client";
import { apiRoute, readJson, readParams } from "@/lib/server/api-route";
import { seg } from "@/lib/with-query";

export const GET = apiRoute<{ id: string }>(async ({ bearer, params }) => {
  const { id } = readParams(params, componentIdParams);
  return accessRequest("GET", `/v1/components/${seg(id)}`, { bearer, schema: getComponentResponse });
});

/** Renames the component (name, description; the key stays). */
export const PATCH = apiRoute<{ id: string }>(async ({ request, bearer, params }) => {
  const { id } = readParams(params, componentIdParams);
  const body = await readJson(request, renameComponentRequest);
  return accessRequest("PATCH", `/v1/components/${seg(id)}`, { bearer, body, schema: getComponentResponse });
});
