// The public trust page's facts, for the console's own views (no session needed: they hold no customer data).
import { trustResponse } from "@/contracts/trust-api";
import { accessRequest } from "@/lib/server/access-client";
import { anonymousApiRoute } from "@/lib/server/api-route";

export const GET = anonymousApiRoute(async () => accessRequest("GET", "/v1/trust", { schema: trustResponse }));
