// A platform administrator's lookup of a leaked token: the pasted text travels in this POST body only
// (never an address, never a log line) to the access service, which checks its checksum and digest.
import { lookupTokenRequest, lookupTokenResponse } from "@/contracts/token-leak-api";
import { accessRequest } from "@/lib/server/access-client";
import { apiRoute, readJson } from "@/lib/server/api-route";

export const POST = apiRoute(async ({ request, bearer }) => {
  const body = await readJson(request, lookupTokenRequest);
  return accessRequest("POST", "/v1/tokens/lookup", { bearer, body, schema: lookupTokenResponse });
});
