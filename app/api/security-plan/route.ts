// The security plan's latest self-check results and last access review, for the plan page and the dashboard.
import { securityPlanResponse } from "@/contracts/security-plan";
import { accessRequest } from "@/lib/server/access-client";
import { apiRoute } from "@/lib/server/api-route";

export const GET = apiRoute(async ({ bearer }) => accessRequest("GET", "/v1/security-plan", { bearer, schema: securityPlanResponse }));
