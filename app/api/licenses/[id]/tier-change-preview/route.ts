// What moving a license to another tier would do (?tierId=), before the change-tier dialog confirms it.
import { licenseIdParams, tierChangePreviewQuery, tierChangePreviewResponse } from "@/contracts/license-api";
import { accessRequest } from "@/lib/server/access-client";
import { apiRoute, readParams, readQuery } from "@/lib/server/api-route";
import { seg, withQuery } from "@/lib/with-query";

export const GET = apiRoute<{ id: string }>(async ({ request, bearer, params }) => {
  const { id } = readParams(params, licenseIdParams);
  const query = readQuery(request, tierChangePreviewQuery);
  return accessRequest("GET", withQuery(`/v1/licenses/${seg(id)}/tier-change-preview`, query), { bearer, schema: tierChangePreviewResponse });
});
