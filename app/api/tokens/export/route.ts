// The Tokens area as CSV (its search and filters, every page), streamed through from the access service.
import { allTokensExportQuery } from "@/contracts/table-exports";
import { accessDownloadResponse } from "@/lib/server/access-client";
import { apiRoute, readQuery } from "@/lib/server/api-route";
import { withQuery } from "@/lib/with-query";

export const GET = apiRoute(async ({ request, bearer }) => {
  return accessDownloadResponse(withQuery("/v1/tokens/export", readQuery(request, allTokensExportQuery)), { bearer });
});
