// A tenant's lifecycle (suspend, reinstate, close through the district deletion flow) for the browser.
import { z } from "zod";
import { closeTenantRequest, tenantActionResponse, tenantIdParams } from "@/contracts/tenant-api";
import { accessRequest } from "@/lib/server/access-client";
import { apiRoute, readJson, readParams } from "@/lib/server/api-route";
import { seg } from "@/lib/with-query";

const actionParams = tenantIdParams.extend({ action: z.enum(["suspend", "reinstate", "close"]) });

export const POST = apiRoute<{ id: string; action: string }>(async ({ request, bearer, params }) => {
  const { id, action } = readParams(params, actionParams);
  const body = action === "close" ? await readJson(request, closeTenantRequest) : undefined;
  return accessRequest("POST", `/v1/tenants/${seg(id)}/${action}`, { bearer, body, schema: tenantActionResponse });
});
