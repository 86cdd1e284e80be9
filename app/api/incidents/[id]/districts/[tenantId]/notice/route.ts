// Edits a district's breach notice (until its delivery is recorded).
import { incidentDistrictParams, incidentResponse, putNoticeRequest } from "@/contracts/incident-api";
import { accessRequest } from "@/lib/server/access-client";
import { apiRoute, readJson, readParams } from "@/lib/server/api-route";
import { seg } from "@/lib/with-query";

export const PUT = apiRoute<{ id: string; tenantId: string }>(async ({ request, bearer, params }) => {
  const { id, tenantId } = readParams(params, incidentDistrictParams);
  const body = await readJson(request, putNoticeRequest);
  return accessRequest("PUT", `/v1/incidents/${seg(id)}/districts/${seg(tenantId)}/notice`, { bearer, body, schema: incidentResponse });
});
