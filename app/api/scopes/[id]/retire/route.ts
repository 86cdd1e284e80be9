// Retires a scope (typed key as confirmation): no tier newly grants it.
import { createScopeResponse, retireRequest, scopeIdParams } from "@/contracts/catalogue-api";
import { accessRequest } from "@/lib/server/access-client";
import { apiRoute, readJson, readParams } from "@/lib/server/api-route";
import { seg } from "@/lib/with-query";

export const POST = apiRoute<{ id: string }>(async ({ request, bearer, params }) => {
  const { id } = readParams(params, scopeIdParams);
  const body = await readJson(request, retireRequest);
  return accessRequest("POST", `/v1/scopes/${seg(id)}/retire`, { bearer, body, schema: createScopeResponse });
});
