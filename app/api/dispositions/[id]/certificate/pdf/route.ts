// A certificate of destruction as a PDF: the bytes the access service rendered, passed through.
import { dispositionCertificatePdfResponse, dispositionIdParams } from "@/contracts/disposition-api";
import { accessRequest } from "@/lib/server/access-client";
import { apiRoute, readParams } from "@/lib/server/api-route";
import { seg } from "@/lib/with-query";

export const GET = apiRoute<{ id: string }>(async ({ bearer, params }) => {
  const { id } = readParams(params, dispositionIdParams);
  const pdf = await accessRequest("GET", `/v1/dispositions/${seg(id)}/certificate/pdf`, { bearer, schema: dispositionCertificatePdfResponse });
  return new Response(Buffer.from(pdf.base64, "base64"), {
    headers: { "content-type": "application/pdf", "content-disposition": `attachment; filename="${pdf.filename}"`, "cache-control": "no-store" },
  });
});
