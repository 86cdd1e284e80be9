// The detector's alerts for the browser: a page of them with the chart's counts.
import { listSecurityAlertsQuery, listSecurityAlertsResponse } from "@/contracts/security-alert-api";
import { accessRequest } from "@/lib/server/access-client";
import { apiRoute, readQuery } from "@/lib/server/api-route";
import { withQuery } from "@/lib/with-query";

export const GET = apiRoute(async ({ request, bearer }) => {
  const query = readQuery(request, listSecurityAlertsQuery);
  return accessRequest("GET", withQuery("/v1/security/alerts", query), { bearer, schema: listSecurityAlertsResponse });
});
