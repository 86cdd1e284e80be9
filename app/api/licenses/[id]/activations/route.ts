// A license's activations (the seats machines and people hold), most recently seen first, in pages.
import { listActivationsQuery, listActivationsResponse } from "@/contracts/activation-api";
import { licenseIdParams } from "@/contracts/license-api";
import { accessRequest } from "@/lib/server/access-client";
import { apiRoute, readParams, readQuery } from "@/lib/server/api-route";
import { seg, withQuery } from "@/lib/with-query";

export const GET = apiRoute<{ id: string }>(async ({ request, bearer, params }) => {
  const { id } = readParams(params, licenseIdParams);
  const query = readQuery(request, listActivationsQuery);
  return accessRequest("GET", withQuery(`/v1/licenses/${seg(id)}/activations`, query), { bearer, schema: listActivationsResponse });
});
