// A certificate of destruction as a PDF: the bytes the access service rendered, streamed through.
import { dispositionIdParams } from "@/contracts/disposition-api";
import { accessDownloadResponse } from "@/lib/server/access-client";
import { apiRoute, readParams } from "@/lib/server/api-route";
import { seg } from "@/lib/with-query";

export const GET = apiRoute<{ id: string }>(async ({ bearer, params }) => {
  const { id } = readParams(params, dispositionIdParams);
  return accessDownloadResponse(`/v1/dispositions/${seg(id)}/certificate/pdf`, { bearer });
});
