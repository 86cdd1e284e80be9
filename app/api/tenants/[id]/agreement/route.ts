// A district's agreement for the browser: read and set, relayed to the access service.
import { agreementParams, agreementResponse, putAgreementRequest } from "@/contracts/compliance-api";
import { accessRequest } from "@/lib/server/access-client";
import { apiRoute, readJson, readParams } from "@/lib/server/api-route";
import { seg } from "@/lib/with-query";

export const GET = apiRoute<{ id: string }>(async ({ bearer, params }) => {
  const { id } = readParams(params, agreementParams);
  return accessRequest("GET", `/v1/tenants/${seg(id)}/agreement`, { bearer, schema: agreementResponse });
});

export const PUT = apiRoute<{ id: string }>(async ({ request, bearer, params }) => {
  const { id } = readParams(params, agreementParams);
  const body = await readJson(request, putAgreementRequest);
  return accessRequest("PUT", `/v1/tenants/${seg(id)}/agreement`, { bearer, body, schema: agreementResponse });
});
