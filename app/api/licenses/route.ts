// Licenses for the browser: the searchable, sortable, paged list, and create.
import { createLicenseRequest, getLicenseResponse, listLicensesQuery, listLicensesResponse } from "@/contracts/license-api";
import { accessRequest } from "@/lib/server/access-client";
import { apiRoute, readJson, readQuery } from "@/lib/server/api-route";
import { withQuery } from "@/lib/with-query";

export const GET = apiRoute(async ({ request, bearer }) => {
  const query = readQuery(request, listLicensesQuery);
  return accessRequest("GET", withQuery("/v1/licenses", query), { bearer, schema: listLicensesResponse });
});

export const POST = apiRoute(
  async ({ request, bearer }) => {
    const body = await readJson(request, createLicenseRequest);
    return accessRequest("POST", "/v1/licenses", { bearer, body, schema: getLicenseResponse });
  },
  { status: 201 },
);
