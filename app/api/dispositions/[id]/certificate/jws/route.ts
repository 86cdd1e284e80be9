// A certificate of destruction as a file: the compact JWS the access service signed, unchanged.
import { dispositionCertificateResponse, dispositionIdParams } from "@/contracts/disposition-api";
import { accessRequest } from "@/lib/server/access-client";
import { apiRoute, readParams } from "@/lib/server/api-route";
import { seg } from "@/lib/with-query";

export const GET = apiRoute<{ id: string }>(async ({ bearer, params }) => {
  const { id } = readParams(params, dispositionIdParams);
  const { certificate } = await accessRequest("GET", `/v1/dispositions/${seg(id)}/certificate`, { bearer, schema: dispositionCertificateResponse });
  return new Response(certificate, {
    headers: { "content-type": "application/jose", "content-disposition": `attachment; filename="certificate-of-destruction-${id}.jws"`, "cache-control": "no-store" },
  });
});
