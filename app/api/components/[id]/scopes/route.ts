// Adds a scope to a component.
import { componentIdParams, createScopeRequest, createScopeResponse } from "@/contracts/catalogue-api";
import { accessRequest } from "@/lib/server/access-client";
import { apiRoute, readJson, readParams } from "@/lib/server/api-route";
import { seg } from "@/lib/with-query";

export const POST = apiRoute<{ id: string }>(
  async ({ request, bearer, params }) => {
    const { id } = readParams(params, componentIdParams);
    const body = await readJson(request, createScopeRequest);
    return accessRequest("POST", `/v1/components/${seg(id)}/scopes`, { bearer, body, schema: createScopeResponse });
  },
  { status: 201 },
);
