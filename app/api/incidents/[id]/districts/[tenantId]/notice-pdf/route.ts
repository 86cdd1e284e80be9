// A district's breach notice as a PDF download: the access service renders it, this passes the bytes through.
import { incidentDistrictParams, noticePdfResponse } from "@/contracts/incident-api";
import { accessRequest } from "@/lib/server/access-client";
import { apiRoute, readParams } from "@/lib/server/api-route";
import { seg } from "@/lib/with-query";

export const GET = apiRoute<{ id: string; tenantId: string }>(async ({ bearer, params }) => {
  const { id, tenantId } = readParams(params, incidentDistrictParams);
  const { filename, pdf } = await accessRequest("GET", `/v1/incidents/${seg(id)}/districts/${seg(tenantId)}/notice-pdf`, { bearer, schema: noticePdfResponse });
  return new Response(Buffer.from(pdf, "base64"), {
    headers: {
      "content-type": "application/pdf",
      // The filename is made by the access service from ids only ([A-Za-z0-9_-]); quoted all the same.
      "content-disposition": `attachment; filename="${filename.replace(/[^A-Za-z0-9._-]/g, "_")}"`,
      "cache-control": "no-store",
    },
  });
});
