// A district's breach notice as a PDF download: the access service renders it, this streams the bytes through.
import { incidentDistrictParams } from "@/contracts/incident-api";
import { accessDownloadResponse } from "@/lib/server/access-client";
import { apiRoute, readParams } from "@/lib/server/api-route";
import { seg } from "@/lib/with-query";

export const GET = apiRoute<{ id: string; tenantId: string }>(async ({ bearer, params }) => {
  const { id, tenantId } = readParams(params, incidentDistrictParams);
  return accessDownloadResponse(`/v1/incidents/${seg(id)}/districts/${seg(tenantId)}/notice-pdf`, { bearer });
});
