// A license's history from the audit log, newest first.
import { licenseIdParams, licenseTimelineResponse } from "@/contracts/license-api";
import { accessRequest } from "@/lib/server/access-client";
import { apiRoute, readParams } from "@/lib/server/api-route";
import { seg } from "@/lib/with-query";

export const GET = apiRoute<{ id: string }>(async ({ bearer, params }) => {
  const { id } = readParams(params, licenseIdParams);
  return accessRequest("GET", `/v1/licenses/${seg(id)}/timeline`, { bearer, schema: licenseTimelineResponse });
});
