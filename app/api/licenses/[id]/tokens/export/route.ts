// A license's tokens table as CSV, streamed through from the access service.
import { licenseIdParams } from "@/contracts/license-api";
import { tokenExportQuery } from "@/contracts/table-exports";
import { accessDownloadResponse } from "@/lib/server/access-client";
import { apiRoute, readParams, readQuery } from "@/lib/server/api-route";
import { seg, withQuery } from "@/lib/with-query";

export const GET = apiRoute<{ id: string }>(async ({ request, bearer, params }) => {
  const { id } = readParams(params, licenseIdParams);
  return accessDownloadResponse(withQuery(`/v1/licenses/${seg(id)}/tokens/export`, readQuery(request, tokenExportQuery)), { bearer });
});
