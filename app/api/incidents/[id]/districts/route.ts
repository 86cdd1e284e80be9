// Marks a district as concerned by an incident.
import { incidentParams, incidentResponse, markDistrictRequest } from "@/contracts/incident-api";
import { accessRequest } from "@/lib/server/access-client";
import { apiRoute, readJson, readParams } from "@/lib/server/api-route";
import { seg } from "@/lib/with-query";

export const POST = apiRoute<{ id: string }>(async ({ request, bearer, params }) => {
  const { id } = readParams(params, incidentParams);
  const body = await readJson(request, markDistrictRequest);
  return accessRequest("POST", `/v1/incidents/${seg(id)}/districts`, { bearer, body, schema: incidentResponse });
});
