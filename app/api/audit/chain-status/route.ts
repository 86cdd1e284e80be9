// When the audit chain was last verified and by what, its newest signed checkpoint and the published key.
import { chainStatusResponse } from "@/contracts/audit-log-api";
import { accessRequest } from "@/lib/server/access-client";
import { apiRoute } from "@/lib/server/api-route";

export const GET = apiRoute(async ({ bearer }) => accessRequest("GET", "/v1/audit/chain-status", { bearer, schema: chainStatusResponse }));
