// "Not an anomaly" or resolved: closes an alert.
import { alertParams, alertResponse, decideAlertRequest } from "@/contracts/security-alert-api";
import { accessRequest } from "@/lib/server/access-client";
import { apiRoute, readJson, readParams } from "@/lib/server/api-route";
import { seg } from "@/lib/with-query";

export const POST = apiRoute<{ id: string }>(async ({ request, bearer, params }) => {
  const { id } = readParams(params, alertParams);
  const body = await readJson(request, decideAlertRequest);
  return accessRequest("POST", `/v1/security/alerts/${seg(id)}/decision`, { bearer, body, schema: alertResponse });
});
