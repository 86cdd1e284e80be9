// Where the signed-in person is signed in: their own live sessions, relayed to the access service.
import { listOwnSessionsResponse } from "@/contracts/access-api";
import { accessRequest } from "@/lib/server/access-client";
import { apiRoute } from "@/lib/server/api-route";

export const GET = apiRoute(async ({ bearer }) => accessRequest("GET", "/v1/me/sessions", { bearer, schema: listOwnSessionsResponse }));
