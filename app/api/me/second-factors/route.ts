// The signed-in person's second factors and recovery codes left, relayed to the access service.
import { listSecondFactorsResponse } from "@/contracts/mfa-api";
import { accessRequest } from "@/lib/server/access-client";
import { apiRoute } from "@/lib/server/api-route";

export const GET = apiRoute(async ({ bearer }) => accessRequest("GET", "/v1/me/second-factors", { bearer, schema: listSecondFactorsResponse }));
