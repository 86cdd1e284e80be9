// Records when, how and to whom a district's breach notice was delivered.
import { incidentDistrictParams, incidentResponse, recordDeliveryRequest } from "@/contracts/incident-api";
import { accessRequest } from "@/lib/server/access-client";
import { apiRoute, readJson, readParams } from "@/lib/server/api-route";
import { seg } from "@/lib/with-query";

export const POST = apiRoute<{ id: string; tenantId: string }>(async ({ request, bearer, params }) => {
  const { id, tenantId } = readParams(params, incidentDistrictParams);
  const body = await readJson(request, recordDeliveryRequest);
  return accessRequest("POST", `/v1/incidents/${seg(id)}/districts/${seg(tenantId)}/delivery`, { bearer, body, schema: incidentResponse });
});
