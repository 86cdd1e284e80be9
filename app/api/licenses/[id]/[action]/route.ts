// License actions (suspend, reinstate, renew, change tier, revoke), each with its own body schema.
import { z } from "zod";
import { changeLicenseTierRequest, getLicenseResponse, licenseActions, licenseIdParams, renewLicenseRequest } from "@/contracts/license-api";
import { accessRequest } from "@/lib/server/access-client";
import { apiRoute, readJson, readParams } from "@/lib/server/api-route";
import { seg } from "@/lib/with-query";

const actionParams = licenseIdParams.extend({ action: z.enum(licenseActions) });
const bodies = { renew: renewLicenseRequest, "change-tier": changeLicenseTierRequest } as const;

export const POST = apiRoute<{ id: string; action: string }>(async ({ request, bearer, params }) => {
  const { id, action } = readParams(params, actionParams);
  const body = action === "renew" || action === "change-tier" ? await readJson(request, bodies[action]) : undefined;
  return accessRequest("POST", `/v1/licenses/${seg(id)}/${action}`, { bearer, body, schema: getLicenseResponse });
});
