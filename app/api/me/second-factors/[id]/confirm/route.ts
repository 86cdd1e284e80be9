// Confirms a new authenticator with a code from it; the first one answers with recovery codes, shown once.
import { confirmTotpRequest, confirmTotpResponse, factorParams } from "@/contracts/mfa-api";
import { accessRequest } from "@/lib/server/access-client";
import { apiRoute, readJson, readParams } from "@/lib/server/api-route";
import { seg } from "@/lib/with-query";

export const POST = apiRoute<{ id: string }>(async ({ request, bearer, params }) => {
  const { id } = readParams(params, factorParams);
  const body = await readJson(request, confirmTotpRequest);
  return accessRequest("POST", `/v1/me/second-factors/${seg(id)}/confirm`, { bearer, body, schema: confirmTotpResponse });
});
