// A new version of a component's data inventory (platform administrators).
import { componentIdParams } from "@/contracts/catalogue-api";
import { declareInventoryRequest, declareInventoryResponse } from "@/contracts/trust-api";
import { accessRequest } from "@/lib/server/access-client";
import { apiRoute, readJson, readParams } from "@/lib/server/api-route";
import { seg } from "@/lib/with-query";

export const POST = apiRoute<{ id: string }>(
  async ({ request, bearer, params }) => {
    const { id } = readParams(params, componentIdParams);
    const body = await readJson(request, declareInventoryRequest);
    return accessRequest("POST", `/v1/components/${seg(id)}/inventory`, { bearer, body, schema: declareInventoryResponse });
  },
  { status: 201 },
);
