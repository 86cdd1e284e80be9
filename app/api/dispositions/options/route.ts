// What the disposition form offers: the districts one may file for and the chosen district's licensed components.
import { dispositionOptionsQuery, dispositionOptionsResponse } from "@/contracts/disposition-api";
import { accessRequest } from "@/lib/server/access-client";
import { apiRoute, readQuery } from "@/lib/server/api-route";
import { withQuery } from "@/lib/with-query";

export const GET = apiRoute(async ({ request, bearer }) => {
  const query = readQuery(request, dispositionOptionsQuery);
  return accessRequest("GET", withQuery("/v1/disposition-options", query), { bearer, schema: dispositionOptionsResponse });
});
