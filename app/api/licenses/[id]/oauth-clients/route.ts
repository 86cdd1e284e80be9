// A license's OAuth clients for the browser: the list (with the limits a new one keeps within), and register.
import { licenseIdParams } from "@/contracts/license-api";
import { registerOAuthClientRequest } from "@/contracts/oauth-api";
import { apiRoute, readJson, readParams } from "@/lib/server/api-route";
import { listLicenseOAuthClients, registerLicenseOAuthClient } from "@/lib/server/oauth-clients";

export const GET = apiRoute<{ id: string }>(async ({ bearer, params }) => {
  const { id } = readParams(params, licenseIdParams);
  return listLicenseOAuthClients(bearer, id);
});

export const POST = apiRoute<{ id: string }>(
  async ({ request, bearer, params }) => {
    const { id } = readParams(params, licenseIdParams);
    const body = await readJson(request, registerOAuthClientRequest);
    return registerLicenseOAuthClient(bearer, id, body);
  },
  { status: 201 },
);
