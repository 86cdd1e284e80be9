// A license's activations (the seats machines and people hold), most recently seen first.
import { listActivationsResponse } from "@/contracts/activation-api";
import { licenseIdParams } from "@/contracts/license-api";
import { accessRequest } from "@/lib/server/access-client";
import { apiRoute, readParams } from "@/lib/server/api-route";
import { seg } from "@/lib/with-query";

export const GET = apiRoute<{ id: string }>(async ({ bearer, params }) => {
  const { id } = readParams(params, licenseIdParams);
  return accessRequest("GET", `/v1/licenses/${seg(id)}/activations`, { bearer, schema: listActivationsResponse });
});
