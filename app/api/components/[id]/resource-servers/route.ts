// A component's resource servers: list, and register one by certificate identity.
import { addResourceServerRequest, addResourceServerResponse, componentIdParams, listResourceServersResponse } from "@/contracts/catalogue-api";
import { accessRequest } from "@/lib/server/access-client";
import { apiRoute, readJson, readParams } from "@/lib/server/api-route";
import { seg } from "@/lib/with-query";

export const GET = apiRoute<{ id: string }>(async ({ bearer, params }) => {
  const { id } = readParams(params, componentIdParams);
  return accessRequest("GET", `/v1/components/${seg(id)}/resource-servers`, { bearer, schema: listResourceServersResponse });
});

export const POST = apiRoute<{ id: string }>(
  async ({ request, bearer, params }) => {
    const { id } = readParams(params, componentIdParams);
    const body = await readJson(request, addResourceServerRequest);
    return accessRequest("POST", `/v1/components/${seg(id)}/resource-servers`, { bearer, body, schema: addResourceServerResponse });
  },
  { status: 201 },
);
