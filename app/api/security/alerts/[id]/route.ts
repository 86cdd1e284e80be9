// One alert for the browser: its evidence, the baseline it broke, its responses.
import { alertParams, alertResponse } from "@/contracts/security-alert-api";
import { accessRequest } from "@/lib/server/access-client";
import { apiRoute, readParams } from "@/lib/server/api-route";
import { seg } from "@/lib/with-query";

export const GET = apiRoute<{ id: string }>(async ({ bearer, params }) => {
  const { id } = readParams(params, alertParams);
  return accessRequest("GET", `/v1/security/alerts/${seg(id)}`, { bearer, schema: alertResponse });
});
