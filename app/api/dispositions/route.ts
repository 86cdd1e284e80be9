// Disposition requests for the browser: the list (a page at a time) and filing one, relayed to the access service.
import { dispositionResponse, fileDispositionRequest, listDispositionsQuery, listDispositionsResponse } from "@/contracts/disposition-api";
import { accessRequest } from "@/lib/server/access-client";
import { apiRoute, readJson, readQuery } from "@/lib/server/api-route";
import { withQuery } from "@/lib/with-query";

export const GET = apiRoute(async ({ request, bearer }) => {
  const query = readQuery(request, listDispositionsQuery);
  return accessRequest("GET", withQuery("/v1/dispositions", query), { bearer, schema: listDispositionsResponse });
});

export const POST = apiRoute(
  async ({ request, bearer }) => {
    const body = await readJson(request, fileDispositionRequest);
    return accessRequest("POST", "/v1/dispositions", { bearer, body, schema: dispositionResponse });
  },
  { status: 201 },
);
