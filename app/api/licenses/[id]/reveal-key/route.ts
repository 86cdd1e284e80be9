// Reveals a license key after the person re-enters their password; the answer is never cached.
import { licenseIdParams, revealLicenseKeyRequest, revealLicenseKeyResponse } from "@/contracts/license-api";
import { accessRequest } from "@/lib/server/access-client";
import { apiRoute, readJson, readParams } from "@/lib/server/api-route";
import { seg } from "@/lib/with-query";

export const POST = apiRoute<{ id: string }>(async ({ request, bearer, params }) => {
  const { id } = readParams(params, licenseIdParams);
  const body = await readJson(request, revealLicenseKeyRequest);
  return accessRequest("POST", `/v1/licenses/${seg(id)}/reveal-key`, { bearer, body, schema: revealLicenseKeyResponse });
});
