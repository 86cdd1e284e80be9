// Tenants for the browser: list (search, kind, cursor) and create, relayed to the access service.
import { createTenantRequest, listTenantsQuery, listTenantsResponse, tenantResponse } from "@/contracts/tenant-api";
import { accessRequest } from "@/lib/server/access-client";
import { apiRoute, readJson, readQuery } from "@/lib/server/api-route";
import { withQuery } from "@/lib/with-query";

export const GET = apiRoute(async ({ request, bearer }) => {
  const query = readQuery(request, listTenantsQuery);
  return accessRequest("GET", withQuery("/v1/tenants", query), { bearer, schema: listTenantsResponse });
});

export const POST = apiRoute(
  async ({ request, bearer }) => {
    const body = await readJson(request, createTenantRequest);
    return accessRequest("POST", "/v1/tenants", { bearer, body, schema: tenantResponse });
  },
  { status: 201 },
);
