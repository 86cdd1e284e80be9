// Step-up: proves a second factor again inside the session, for the actions that ask for a fresh one.
import { secondFactorProof, stepUpResponse } from "@/contracts/mfa-api";
import { accessRequest } from "@/lib/server/access-client";
import { apiRoute, readJson } from "@/lib/server/api-route";

export const POST = apiRoute(async ({ request, bearer }) => {
  const body = await readJson(request, secondFactorProof);
  return accessRequest("POST", "/v1/me/step-up", { bearer, body, schema: stepUpResponse });
});
