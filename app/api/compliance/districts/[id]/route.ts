// One district's compliance overview: agreement, licensed components, open incidents.
import { agreementParams } from "@/contracts/compliance-api";
import { districtOverviewResponse } from "@/contracts/incident-api";
import { accessRequest } from "@/lib/server/access-client";
import { apiRoute, readParams } from "@/lib/server/api-route";
import { seg } from "@/lib/with-query";

export const GET = apiRoute<{ id: string }>(async ({ bearer, params }) => {
  const { id } = readParams(params, agreementParams);
  return accessRequest("GET", `/v1/compliance/districts/${seg(id)}`, { bearer, schema: districtOverviewResponse });
});
