// Notices of material change with the acknowledgements the person may see.
import { listNoticesResponse } from "@/contracts/trust-api";
import { accessRequest } from "@/lib/server/access-client";
import { apiRoute } from "@/lib/server/api-route";

export const GET = apiRoute(async ({ bearer }) => accessRequest("GET", "/v1/trust/notices", { bearer, schema: listNoticesResponse }));
