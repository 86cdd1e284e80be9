// Adds a passkey: the browser's answer to the creation options and the name the person gave it.
import { registerPasskeyRequest, registerPasskeyResponse } from "@/contracts/mfa-api";
import { accessRequest } from "@/lib/server/access-client";
import { apiRoute, readJson } from "@/lib/server/api-route";

export const POST = apiRoute(async ({ request, bearer }) => {
  const body = await readJson(request, registerPasskeyRequest);
  return accessRequest("POST", "/v1/me/second-factors/passkey", { bearer, body, schema: registerPasskeyResponse });
}, { status: 201 });
