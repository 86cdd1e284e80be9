// GET /v1/disclosures and /v1/disclosures/activity: a tenant's record of disclosures from the index, for
// the access service (which decides whose tenant a person may read); callers in contracts/audit-policies.ts.
import type { FastifyInstance } from "fastify";
import { auditPolicies } from "../../../contracts/audit-policies";
import { auditDisclosureActivityQuery, auditDisclosuresQuery, disclosureActivityResponse, listDisclosuresResponse } from "../../../contracts/disclosure-api";
import { parseInput } from "../../common/http/parse";
import { routeOptions } from "../../common/http/policy";
import type { AuditPrisma } from "../db/prisma";
import { disclosureActivity, listDisclosures } from "../domain/disclosures/list-disclosures";

const doc = { tags: ["disclosures"] } as const;

export function registerDisclosureRoutes(app: FastifyInstance, deps: { prisma: AuditPrisma }) {
  app.get(
    "/v1/disclosures",
    routeOptions(auditPolicies["GET /v1/disclosures"], { ...doc, summary: "A tenant's record of disclosures, newest first, a page at a time.", query: auditDisclosuresQuery, response: listDisclosuresResponse }),
    async (request) => listDisclosures(deps.prisma, parseInput(auditDisclosuresQuery, request.query)),
  );
  app.get(
    "/v1/disclosures/activity",
    routeOptions(auditPolicies["GET /v1/disclosures/activity"], { ...doc, summary: "A tenant's disclosures and accesses per day and component.", query: auditDisclosureActivityQuery, response: disclosureActivityResponse }),
    async (request) => disclosureActivity(deps.prisma, parseInput(auditDisclosureActivityQuery, request.query)),
  );
}
