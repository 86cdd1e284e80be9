// Applies one response to an alert (the one-click actions).
import { alertParams, alertResponse, applyAlertResponseRequest } from "@/contracts/security-alert-api";
import { accessRequest } from "@/lib/server/access-client";
import { apiRoute, readJson, readParams } from "@/lib/server/api-route";
import { seg } from "@/lib/with-query";

export const POST = apiRoute<{ id: string }>(async ({ request, bearer, params }) => {
  const { id } = readParams(params, alertParams);
  const body = await readJson(request, applyAlertResponseRequest);
  return accessRequest("POST", `/v1/security/alerts/${seg(id)}/responses`, { bearer, body, schema: alertResponse });
});
