// A license's offline certificate (compact JWS) for the browser to save as a file.
import { licenseCertificateResponse } from "@/contracts/certificate-api";
import { licenseIdParams } from "@/contracts/license-api";
import { accessRequest } from "@/lib/server/access-client";
import { apiRoute, readParams } from "@/lib/server/api-route";
import { seg } from "@/lib/with-query";

export const GET = apiRoute<{ id: string }>(async ({ bearer, params }) => {
  const { id } = readParams(params, licenseIdParams);
  return accessRequest("GET", `/v1/licenses/${seg(id)}/certificate`, { bearer, schema: licenseCertificateResponse });
});
