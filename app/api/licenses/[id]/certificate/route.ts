// A license's offline certificate (compact JWS) for the browser to save as a file; with ?fingerprint=,
// bound to that activation.
import { licenseCertificateQuery, licenseCertificateResponse } from "@/contracts/certificate-api";
import { licenseIdParams } from "@/contracts/license-api";
import { accessRequest } from "@/lib/server/access-client";
import { apiRoute, readParams, readQuery } from "@/lib/server/api-route";
import { seg, withQuery } from "@/lib/with-query";

export const GET = apiRoute<{ id: string }>(async ({ request, bearer, params }) => {
  const { id } = readParams(params, licenseIdParams);
  const query = readQuery(request, licenseCertificateQuery);
  return accessRequest("GET", withQuery(`/v1/licenses/${seg(id)}/certificate`, query), { bearer, schema: licenseCertificateResponse });
});
