// One tenant for the browser: read and edit, relayed to the access service.
import { tenantIdParams, tenantResponse, updateTenantRequest } from "@/contracts/tenant-api";
import { accessRequest } from "@/lib/server/access-client";
import { apiRoute, readJson, readParams } from "@/lib/server/api-route";
import { seg } from "@/lib/with-query";

export const GET = apiRoute<{ id: string }>(async ({ bearer, params }) => {
  const { id } = readParams(params, tenantIdParams);
  return accessRequest("GET", `/v1/tenants/${seg(id)}`, { bearer, schema: tenantResponse });
});

export const PATCH = apiRoute<{ id: string }>(async ({ request, bearer, params }) => {
  const { id } = readParams(params, tenantIdParams);
  const body = await readJson(request, updateTenantRequest);
  return accessRequest("PATCH", `/v1/tenants/${seg(id)}`, { bearer, body, schema: tenantResponse });
});
