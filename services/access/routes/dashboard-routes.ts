// The dashboard's figures for the web tier acting for a person (contracts/dashboard-api.ts).
import type { FastifyInstance } from "fastify";
import { accessPolicies as policies } from "../../../contracts/access-policies";
import { dashboardResponse } from "../../../contracts/dashboard-api";
import { routeOptions } from "../../common/http/policy";
import type { AccessContext } from "../domain/context";
import { getDashboard } from "../domain/dashboard/get-dashboard";
import { actorOf } from "./require-actor";

export function dashboardRoutes(app: FastifyInstance, ctx: AccessContext): void {
  // GET /v1/dashboard — licenses by status, those ending soon, tokens live and revoked, validations per day.
  app.get(
    "/v1/dashboard",
    routeOptions(policies["GET /v1/dashboard"], { tags: ["dashboard"], summary: "The dashboard's figures, over what the person may see.", response: dashboardResponse }),
    async (request) => getDashboard(ctx, actorOf(request)),
  );
}
