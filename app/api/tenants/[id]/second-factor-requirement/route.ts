// A tenant's second-factor requirement for the browser: set, relayed to the access service (which asks for a step-up).
import { secondFactorRequirementRequest, tenantIdParams, tenantResponse } from "@/contracts/tenant-api";
import { accessRequest } from "@/lib/server/access-client";
import { apiRoute, readJson, readParams } from "@/lib/server/api-route";
import { seg } from "@/lib/with-query";

export const PUT = apiRoute<{ id: string }>(async ({ request, bearer, params }) => {
  const { id } = readParams(params, tenantIdParams);
  const body = await readJson(request, secondFactorRequirementRequest);
  return accessRequest("PUT", `/v1/tenants/${seg(id)}/second-factor-requirement`, { bearer, body, schema: tenantResponse });
});
