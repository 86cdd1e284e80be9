// Starts adding an authenticator app: its secret and QR code, shown once and never cached.
import { enrolTotpRequest, enrolTotpResponse } from "@/contracts/mfa-api";
import { accessRequest } from "@/lib/server/access-client";
import { apiRoute, readJson } from "@/lib/server/api-route";

export const POST = apiRoute(async ({ request, bearer }) => {
  const body = await readJson(request, enrolTotpRequest);
  return accessRequest("POST", "/v1/me/second-factors/totp", { bearer, body, schema: enrolTotpResponse });
}, { status: 201 });
