// An administrator approves the recovery of a person who lost every second factor: their factors go and
// their sessions end (the access service checks who may, and asks the approver for a fresh factor).
import { resetFactorsParams, resetFactorsResponse } from "@/contracts/mfa-api";
import { accessRequest } from "@/lib/server/access-client";
import { apiRoute, readParams } from "@/lib/server/api-route";
import { seg } from "@/lib/with-query";

export const POST = apiRoute<{ userId: string }>(async ({ bearer, params }) => {
  const { userId } = readParams(params, resetFactorsParams);
  return accessRequest("POST", `/v1/users/${seg(userId)}/second-factors/reset`, { bearer, schema: resetFactorsResponse });
});
