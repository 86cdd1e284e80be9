// A license's tokens for the browser: the searchable, paged list (with the license's token limits), and create.
import { licenseIdParams } from "@/contracts/license-api";
import { createTokenRequest, createTokenResponse, listTokensQuery, listTokensResponse } from "@/contracts/token-api";
import { accessRequest } from "@/lib/server/access-client";
import { apiRoute, readJson, readParams, readQuery } from "@/lib/server/api-route";
import { seg, withQuery } from "@/lib/with-query";

export const GET = apiRoute<{ id: string }>(async ({ request, bearer, params }) => {
  const { id } = readParams(params, licenseIdParams);
  const query = readQuery(request, listTokensQuery);
  return accessRequest("GET", withQuery(`/v1/licenses/${seg(id)}/tokens`, query), { bearer, schema: listTokensResponse });
});

export const POST = apiRoute<{ id: string }>(
  async ({ request, bearer, params }) => {
    const { id } = readParams(params, licenseIdParams);
    const body = await readJson(request, createTokenRequest);
    return accessRequest("POST", `/v1/licenses/${seg(id)}/tokens`, { bearer, body, schema: createTokenResponse });
  },
  { status: 201 },
);
