// The component catalogue for the browser: list (with scopes) and create.
import { createComponentRequest, createComponentResponse, listComponentsResponse } from "@/contracts/catalogue-api";
import { accessRequest } from "@/lib/server/access-client";
import { apiRoute, readJson } from "@/lib/server/api-route";

export const GET = apiRoute(async ({ bearer }) => accessRequest("GET", "/v1/components", { bearer, schema: listComponentsResponse }));

export const POST = apiRoute(
  async ({ request, bearer }) => {
    const body = await readJson(request, createComponentRequest);
    return accessRequest("POST", "/v1/components", { bearer, body, schema: createComponentResponse });
  },
  { status: 201 },
);
