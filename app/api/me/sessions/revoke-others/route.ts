// "Sign out everywhere else": ends every live session of the signed-in person but this browser's.
import { revokeOtherSessionsResponse } from "@/contracts/access-api";
import { accessRequest } from "@/lib/server/access-client";
import { apiRoute } from "@/lib/server/api-route";

export const POST = apiRoute(async ({ bearer }) => accessRequest("POST", "/v1/me/sessions/revoke-others", { bearer, schema: revokeOtherSessionsResponse }));
