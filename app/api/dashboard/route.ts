// The dashboard's figures, counted by the access service over what the person may see.
import { dashboardResponse } from "@/contracts/dashboard-api";
import { accessRequest } from "@/lib/server/access-client";
import { apiRoute } from "@/lib/server/api-route";

export const GET = apiRoute(async ({ bearer }) => accessRequest("GET", "/v1/dashboard", { bearer, schema: dashboardResponse }));
