// A scope's rename: a new description (its label; the key stays).
import { createScopeResponse, renameScopeRequest, scopeIdParams } from "@/contracts/catalogue-api";
import { accessRequest } from "@/lib/server/access-client";
import { apiRoute, readJson, readParams } from "@/lib/server/api-route";
import { seg } from "@/lib/with-query";

export const PATCH = apiRoute<{ id: string }>(async ({ request, bearer, params }) => {
  const { id } = readParams(params, scopeIdParams);
  const body = await readJson(request, renameScopeRequest);
  return accessRequest("PATCH", `/v1/scopes/${seg(id)}`, { bearer, body, schema: createScopeResponse });
});
