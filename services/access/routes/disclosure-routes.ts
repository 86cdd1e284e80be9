// The record of disclosures (34 CFR 99.32): components report disclosures over mTLS; districts search and export them (issue 9 §4).
import type { FastifyInstance } from "fastify";
import { accessPolicies as policies } from "../../../contracts/access-policies";
import { reportDisclosuresRequest, reportDisclosuresResponse } from "../../../contracts/disclosure-api";
import { parseInput } from "../../common/http/parse";
import { routeOptions, verifiedCaller } from "../../common/http/policy";
import type { AccessContext } from "../domain/context";
import { reportDisclosures } from "../domain/disclosures/report-disclosures";
import { disclosureRecordRoutes } from "./disclosure-record-routes";
import { requestMeta } from "./request-meta";

const doc = { tags: ["disclosures"] } as const;

export function disclosureRoutes(app: FastifyInstance, ctx: AccessContext): void {
  // POST /v1/disclosures — a component's batch of disclosures: stored whole (each into the audit chain) or refused whole.
  app.post(
    "/v1/disclosures",
    routeOptions(policies["POST /v1/disclosures"], {
      ...doc,
      summary: "Report disclosures of a district's records (34 CFR 99.32), idempotent by the component's own id.",
      body: reportDisclosuresRequest,
      response: reportDisclosuresResponse,
      problems: { 422: "Malformed, or naming a license or token this component does not serve (nothing stored).", 413: "The batch is larger than 1 MiB." },
    }),
    async (request) => reportDisclosures(ctx, verifiedCaller(request), parseInput(reportDisclosuresRequest, request.body), requestMeta(request)),
  );
  disclosureRecordRoutes(app, ctx);
}
