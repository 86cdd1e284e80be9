// A platform admin verifies the whole audit chain now, from the console (recorded as their run).
import { verifyNowResponse } from "@/contracts/audit-log-api";
import { accessRequest } from "@/lib/server/access-client";
import { apiRoute } from "@/lib/server/api-route";

export const POST = apiRoute(async ({ bearer }) => accessRequest("POST", "/v1/audit/chain/verify", { bearer, schema: verifyNowResponse }));
