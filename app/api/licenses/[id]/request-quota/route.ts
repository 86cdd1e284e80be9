// A license's own request-rate quota for the browser: set (a whole number a minute) or cleared (null: the tier's), relayed to the access service.
import { getLicenseResponse, licenseIdParams, setRequestQuotaRequest } from "@/contracts/license-api";
import { accessRequest } from "@/lib/server/access-client";
import { apiRoute, readJson, readParams } from "@/lib/server/api-route";
import { seg } from "@/lib/with-query";

export const PUT = apiRoute<{ id: string }>(async ({ request, bearer, params }) => {
  const { id } = readParams(params, licenseIdParams);
  const body = await readJson(request, setRequestQuotaRequest);
  return accessRequest("PUT", `/v1/licenses/${seg(id)}/request-quota`, { bearer, body, schema: getLicenseResponse });
});
