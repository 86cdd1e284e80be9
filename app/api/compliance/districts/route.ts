// Districts with their agreement state and open incidents, for the compliance overview.
import { listComplianceDistrictsQuery, listComplianceDistrictsResponse } from "@/contracts/compliance-api";
import { accessRequest } from "@/lib/server/access-client";
import { apiRoute, readQuery } from "@/lib/server/api-route";
import { withQuery } from "@/lib/with-query";

export const GET = apiRoute(async ({ request, bearer }) => {
  const query = readQuery(request, listComplianceDistrictsQuery);
  return accessRequest("GET", withQuery("/v1/compliance/districts", query), { bearer, schema: listComplianceDistrictsResponse });
});
