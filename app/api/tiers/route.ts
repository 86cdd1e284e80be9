// Service tiers for the browser: list and create.
import { createTierRequest, createTierResponse, listTiersResponse } from "@/contracts/catalogue-api";
import { accessRequest } from "@/lib/server/access-client";
import { apiRoute, readJson } from "@/lib/server/api-route";

export const GET = apiRoute(async ({ bearer }) => accessRequest("GET", "/v1/tiers", { bearer, schema: listTiersResponse }));

export const POST = apiRoute(
  async ({ request, bearer }) => {
    const body = await readJson(request, createTierRequest);
    return accessRequest("POST", "/v1/tiers", { bearer, body, schema: createTierResponse });
  },
  { status: 201 },
);
