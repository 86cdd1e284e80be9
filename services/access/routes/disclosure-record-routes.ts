// The record of disclosures for the console: a tenant's lines, the chart's counts and the exports, for a
// person with compliance.read (their own tenant; platform admins name one).
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { accessPolicies as policies } from "../../../contracts/access-policies";
import { disclosureActivityResponse, disclosureFilters, exportDisclosuresQuery, exportDisclosuresResponse, listDisclosuresQuery, listDisclosuresResponse } from "../../../contracts/disclosure-api";
import { parseInput } from "../../common/http/parse";
import { routeOptions } from "../../common/http/policy";
import type { AccessContext } from "../domain/context";
import { exportRecord } from "../domain/disclosures/export-record";
import { listRecord, recordActivity } from "../domain/disclosures/read-record";
import { requestMeta } from "./request-meta";
import { actorOf } from "./require-actor";

const doc = { tags: ["disclosures"] } as const;
const problems = { 404: "No such tenant (or another tenant's).", 503: "The audit service cannot be read." };
const listResponse = listDisclosuresResponse.extend({ tenant: z.object({ id: z.string(), name: z.string() }) });

export function disclosureRecordRoutes(app: FastifyInstance, ctx: AccessContext): void {
  // GET /v1/disclosures — a page of the tenant's record, newest first, filtered.
  app.get(
    "/v1/disclosures",
    routeOptions(policies["GET /v1/disclosures"], { ...doc, summary: "A tenant's record of disclosures (34 CFR 99.32), filtered, a page at a time.", query: listDisclosuresQuery, response: listResponse, problems }),
    async (request) => listRecord(ctx, actorOf(request), parseInput(listDisclosuresQuery, request.query)),
  );
  // GET /v1/disclosures/activity — disclosures and accesses per day and component, for the chart.
  app.get(
    "/v1/disclosures/activity",
    routeOptions(policies["GET /v1/disclosures/activity"], { ...doc, summary: "Disclosures and accesses of a tenant's data per day and component.", query: disclosureFilters, response: disclosureActivityResponse, problems }),
    async (request) => recordActivity(ctx, actorOf(request), parseInput(disclosureFilters, request.query)),
  );
  // GET /v1/disclosures/export — the filtered record as CSV or PDF (base64 in JSON), audited.
  app.get(
    "/v1/disclosures/export",
    routeOptions(policies["GET /v1/disclosures/export"], { ...doc, summary: "The filtered record of disclosures as CSV or PDF.", query: exportDisclosuresQuery, response: exportDisclosuresResponse, problems }),
    async (request) => exportRecord(ctx, actorOf(request), parseInput(exportDisclosuresQuery, request.query), requestMeta(request)),
  );
}
