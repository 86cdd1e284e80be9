// New recovery codes for the person (the old ones stop working), shown once; asks for a fresh second factor.
import { regenerateRecoveryCodesResponse } from "@/contracts/mfa-api";
import { accessRequest } from "@/lib/server/access-client";
import { apiRoute } from "@/lib/server/api-route";

export const POST = apiRoute(async ({ bearer }) => accessRequest("POST", "/v1/me/recovery-codes", { bearer, schema: regenerateRecoveryCodesResponse }));
