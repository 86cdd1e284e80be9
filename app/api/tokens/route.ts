// Every token the person may see across licenses, for the Tokens area (searchable, filtered, paged).
import { listAllTokensQuery, listAllTokensResponse } from "@/contracts/token-api";
import { accessRequest } from "@/lib/server/access-client";
import { apiRoute, readQuery } from "@/lib/server/api-route";
import { withQuery } from "@/lib/with-query";

export const GET = apiRoute(async ({ request, bearer }) => {
  const query = readQuery(request, listAllTokensQuery);
  return accessRequest("GET", withQuery("/v1/tokens", query), { bearer, schema: listAllTokensResponse });
});
