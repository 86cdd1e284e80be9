// The licenses table's selection as CSV, streamed through from the access service.
import { licenseExportQuery } from "@/contracts/table-exports";
import { accessDownloadResponse } from "@/lib/server/access-client";
import { apiRoute, readQuery } from "@/lib/server/api-route";
import { withQuery } from "@/lib/with-query";

export const GET = apiRoute(async ({ request, bearer }) => accessDownloadResponse(withQuery("/v1/licenses/export", readQuery(request, licenseExportQuery)), { bearer }));
