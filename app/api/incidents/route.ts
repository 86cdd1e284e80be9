// Incidents for the browser: the list the person may see, and opening one.
import { createIncidentRequest, incidentResponse, listIncidentsQuery, listIncidentsResponse } from "@/contracts/incident-api";
import { accessRequest } from "@/lib/server/access-client";
import { apiRoute, readJson, readQuery } from "@/lib/server/api-route";
import { withQuery } from "@/lib/with-query";

export const GET = apiRoute(async ({ request, bearer }) => {
  const query = readQuery(request, listIncidentsQuery);
  return accessRequest("GET", withQuery("/v1/incidents", query), { bearer, schema: listIncidentsResponse });
});

export const POST = apiRoute(
  async ({ request, bearer }) => {
    const body = await readJson(request, createIncidentRequest);
    return accessRequest("POST", "/v1/incidents", { bearer, body, schema: incidentResponse });
  },
  { status: 201 },
);
