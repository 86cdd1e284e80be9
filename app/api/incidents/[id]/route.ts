// One incident for the browser: read, and edit its facts or close / reopen it.
import { incidentParams, incidentResponse, updateIncidentRequest } from "@/contracts/incident-api";
import { accessRequest } from "@/lib/server/access-client";
import { apiRoute, readJson, readParams } from "@/lib/server/api-route";
import { seg } from "@/lib/with-query";

export const GET = apiRoute<{ id: string }>(async ({ bearer, params }) => {
  const { id } = readParams(params, incidentParams);
  return accessRequest("GET", `/v1/incidents/${seg(id)}`, { bearer, schema: incidentResponse });
});

export const PATCH = apiRoute<{ id: string }>(async ({ request, bearer, params }) => {
  const { id } = readParams(params, incidentParams);
  const body = await readJson(request, updateIncidentRequest);
  return accessRequest("PATCH", `/v1/incidents/${seg(id)}`, { bearer, body, schema: incidentResponse });
});
