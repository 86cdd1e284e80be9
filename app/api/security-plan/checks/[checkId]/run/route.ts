// Runs one self-check now (platform administrators); the plan page calls it check by check to show progress.
import { checkParams, runCheckResponse } from "@/contracts/security-plan";
import { accessRequest } from "@/lib/server/access-client";
import { apiRoute, readParams } from "@/lib/server/api-route";
import { seg } from "@/lib/with-query";

export const POST = apiRoute<{ checkId: string }>(async ({ bearer, params }) => {
  const { checkId } = readParams(params, checkParams);
  return accessRequest("POST", `/v1/security-plan/checks/${seg(checkId)}/run`, { bearer, schema: runCheckResponse });
});
