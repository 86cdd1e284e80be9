// The filtered audit log as a download (CSV, JSON or a verifiable chain segment): the access service
// streams it and the web tier passes the bytes through as they come, holding none of it.
import { auditExportQuery } from "@/contracts/audit-log-api";
import { accessDownload } from "@/lib/server/access-client";
import { apiRoute, readQuery } from "@/lib/server/api-route";
import { downloadResponse } from "@/lib/server/download-response";
import { withQuery } from "@/lib/with-query";

export const GET = apiRoute(async ({ request, bearer }) => {
  const query = readQuery(request, auditExportQuery);
  return downloadResponse(await accessDownload(withQuery("/v1/audit/export", query), { bearer }));
});
