// The audit log for the browser: a page of the events the person may see, as sentences, by filters.
import { auditLogQuery, auditLogResponse } from "@/contracts/audit-log-api";
import { accessRequest } from "@/lib/server/access-client";
import { apiRoute, readQuery } from "@/lib/server/api-route";
import { withQuery } from "@/lib/with-query";

export const GET = apiRoute(async ({ request, bearer }) => {
  const query = readQuery(request, auditLogQuery);
  return accessRequest("GET", withQuery("/v1/audit/events", query), { bearer, schema: auditLogResponse });
});
