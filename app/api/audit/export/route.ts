// The filtered audit log as a download (CSV, JSON or a verifiable chain segment): the access service
// streams it and the web tier passes the bytes through as they come, holding none of it.
import { auditExportQuery } from "@/contracts/audit-log-api";
import { accessDownloadResponse } from "@/lib/server/access-client";
import { apiRoute, readQuery } from "@/lib/server/api-route";
import { withQuery } from "@/lib/with-query";

export const GET = apiRoute(async ({ request, bearer }) => accessDownloadResponse(withQuery("/v1/audit/export", readQuery(request, auditExportQuery)), { bearer }));
