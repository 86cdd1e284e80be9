// Reverses one response of an alert.
import { alertResponse, responseParams } from "@/contracts/security-alert-api";
import { accessRequest } from "@/lib/server/access-client";
import { apiRoute, readParams } from "@/lib/server/api-route";
import { seg } from "@/lib/with-query";

export const POST = apiRoute<{ id: string; responseId: string }>(async ({ bearer, params }) => {
  const { id, responseId } = readParams(params, responseParams);
  return accessRequest("POST", `/v1/security/alerts/${seg(id)}/responses/${seg(responseId)}/reverse`, { bearer, schema: alertResponse });
});
