// Incidents and breach notices with each district's clock, and the district's compliance overview (issue 9 §4):
// a district's agreement, the districts' compliance summaries, and incidents. HTTP shape only; rules in domain/.
import type { FastifyInstance } from "fastify";
import { accessPolicies as policies } from "../../../contracts/access-policies";
import {
  agreementParams,
  agreementResponse,
  listComplianceDistrictsQuery,
  listComplianceDistrictsResponse,
  putAgreementRequest,
} from "../../../contracts/compliance-api";
import {
  createIncidentRequest,
  districtOverviewResponse,
  incidentDistrictParams,
  incidentParams,
  incidentResponse,
  listIncidentsQuery,
  listIncidentsResponse,
  markDistrictRequest,
  putNoticeRequest,
  recordDeliveryRequest,
  updateIncidentRequest,
} from "../../../contracts/incident-api";
import { parseInput } from "../../common/http/parse";
import { routeOptions } from "../../common/http/policy";
import { getAgreement } from "../domain/agreements/get-agreement";
import { putAgreement } from "../domain/agreements/put-agreement";
import { getDistrictOverview, listComplianceDistricts } from "../domain/compliance/district-overview";
import type { AccessContext } from "../domain/context";
import { createIncident, updateIncident } from "../domain/incidents/change-incident";
import { markDistrict, putNotice, recordDelivery } from "../domain/incidents/district-notice";
import { getIncident, listIncidents } from "../domain/incidents/get-incident";
import { noticePdf } from "../domain/incidents/notice-pdf";
import { requestMeta } from "./request-meta";
import { actorOf } from "./require-actor";
import { pdfResponseDoc, replyWithPdf } from "./pdf-reply";

const agreements = { tags: ["compliance"] } as const;
const incidents = { tags: ["incidents"] } as const;
const noDistrict = { 404: "No such district, a company tenant, or one of another tenant." };
const noIncident = { 404: "No such incident, or one that does not concern the caller's district." };
const noMarked = { 404: "No such incident, or the district is not marked on it." };

export function incidentRoutes(app: FastifyInstance, ctx: AccessContext): void {
  // GET /v1/tenants/:id/agreement — a district's agreement and the notice rules that apply to it.
  app.get(
    "/v1/tenants/:id/agreement",
    routeOptions(policies["GET /v1/tenants/:id/agreement"], { ...agreements, summary: "A district's student-data agreement and the breach-notice rules that apply to it.", params: agreementParams, response: agreementResponse, problems: noDistrict }),
    async (request) => getAgreement(ctx, actorOf(request), parseInput(agreementParams, request.params).id),
  );

  // PUT /v1/tenants/:id/agreement — sets the agreement as a whole.
  app.put(
    "/v1/tenants/:id/agreement",
    routeOptions(policies["PUT /v1/tenants/:id/agreement"], { ...agreements, summary: "Sets a district's agreement: kind, reference, days, adopted Exhibit E offer, own notice period (tenants.write).", params: agreementParams, body: putAgreementRequest, response: agreementResponse, problems: noDistrict }),
    async (request) => {
      const { id } = parseInput(agreementParams, request.params);
      return putAgreement(ctx, actorOf(request), id, parseInput(putAgreementRequest, request.body), requestMeta(request));
    },
  );

  // GET /v1/compliance/districts — districts with their agreement state and open incidents.
  app.get(
    "/v1/compliance/districts",
    routeOptions(policies["GET /v1/compliance/districts"], { ...agreements, summary: "District tenants with their agreement state, open incidents and overdue notices (platform admins: all; others: their own).", query: listComplianceDistrictsQuery, response: listComplianceDistrictsResponse }),
    async (request) => listComplianceDistricts(ctx, actorOf(request), parseInput(listComplianceDistrictsQuery, request.query)),
  );

  // GET /v1/compliance/districts/:id — one district's overview.
  app.get(
    "/v1/compliance/districts/:id",
    routeOptions(policies["GET /v1/compliance/districts/:id"], { ...agreements, summary: "One district's overview: agreement, licensed components, open incidents with their clocks.", params: agreementParams, response: districtOverviewResponse, problems: noDistrict }),
    async (request) => getDistrictOverview(ctx, actorOf(request), parseInput(agreementParams, request.params).id),
  );

  // GET /v1/incidents — incidents the caller may see, newest first.
  app.get(
    "/v1/incidents",
    routeOptions(policies["GET /v1/incidents"], { ...incidents, summary: "Incidents, newest first (platform admins: all; a district's people: those that concern their district).", query: listIncidentsQuery, response: listIncidentsResponse }),
    async (request) => listIncidents(ctx, actorOf(request), parseInput(listIncidentsQuery, request.query)),
  );

  // POST /v1/incidents — opens an incident.
  app.post(
    "/v1/incidents",
    routeOptions(policies["POST /v1/incidents"], { ...incidents, summary: "Opens an incident (incidents.write).", body: createIncidentRequest, status: 201, response: incidentResponse }),
    async (request, reply) => reply.status(201).send(await createIncident(ctx, actorOf(request), parseInput(createIncidentRequest, request.body), requestMeta(request))),
  );

  // GET /v1/incidents/:id — one incident as the caller may see it.
  app.get(
    "/v1/incidents/:id",
    routeOptions(policies["GET /v1/incidents/:id"], { ...incidents, summary: "One incident with the districts it concerns that the caller may see, their clocks and notices.", params: incidentParams, response: incidentResponse, problems: noIncident }),
    async (request) => getIncident(ctx, actorOf(request), parseInput(incidentParams, request.params).id),
  );

  // PATCH /v1/incidents/:id — edits its facts, closes or reopens it.
  app.patch(
    "/v1/incidents/:id",
    routeOptions(policies["PATCH /v1/incidents/:id"], { ...incidents, summary: "Edits an incident's facts, or closes or reopens it (incidents.write).", params: incidentParams, body: updateIncidentRequest, response: incidentResponse, problems: { ...noIncident, 409: "The determination cannot be withdrawn once a notice was delivered." } }),
    async (request) => {
      const { id } = parseInput(incidentParams, request.params);
      return updateIncident(ctx, actorOf(request), id, parseInput(updateIncidentRequest, request.body), requestMeta(request));
    },
  );

  // POST /v1/incidents/:id/districts — marks a district as concerned: fixes its notice rules, drafts its notice.
  app.post(
    "/v1/incidents/:id/districts",
    routeOptions(policies["POST /v1/incidents/:id/districts"], { ...incidents, summary: "Marks a district as concerned: its notice rules are fixed and its notice drafted (incidents.write).", params: incidentParams, body: markDistrictRequest, response: incidentResponse, problems: { ...noIncident, 409: "Already marked, or the incident is closed." } }),
    async (request) => {
      const { id } = parseInput(incidentParams, request.params);
      return markDistrict(ctx, actorOf(request), id, parseInput(markDistrictRequest, request.body), requestMeta(request));
    },
  );

  // PUT /v1/incidents/:id/districts/:tenantId/notice — edits a district's notice until it is delivered.
  app.put(
    "/v1/incidents/:id/districts/:tenantId/notice",
    routeOptions(policies["PUT /v1/incidents/:id/districts/:tenantId/notice"], { ...incidents, summary: "Edits a district's notice under its headings, until its delivery is recorded (incidents.write).", params: incidentDistrictParams, body: putNoticeRequest, response: incidentResponse, problems: { ...noMarked, 409: "The notice was delivered." } }),
    async (request) => {
      const { id, tenantId } = parseInput(incidentDistrictParams, request.params);
      return putNotice(ctx, actorOf(request), id, tenantId, parseInput(putNoticeRequest, request.body), requestMeta(request));
    },
  );

  // POST /v1/incidents/:id/districts/:tenantId/delivery — records when, how and to whom the notice was delivered.
  app.post(
    "/v1/incidents/:id/districts/:tenantId/delivery",
    routeOptions(policies["POST /v1/incidents/:id/districts/:tenantId/delivery"], { ...incidents, summary: "Records the notice's delivery: when, how, to whom (incidents.write).", params: incidentDistrictParams, body: recordDeliveryRequest, response: incidentResponse, problems: { ...noMarked, 409: "Already recorded, or the incident is not determined to be a breach." } }),
    async (request) => {
      const { id, tenantId } = parseInput(incidentDistrictParams, request.params);
      return recordDelivery(ctx, actorOf(request), id, tenantId, parseInput(recordDeliveryRequest, request.body), requestMeta(request));
    },
  );

  // GET /v1/incidents/:id/districts/:tenantId/notice-pdf — the notice as a PDF.
  app.get(
    "/v1/incidents/:id/districts/:tenantId/notice-pdf",
    routeOptions(policies["GET /v1/incidents/:id/districts/:tenantId/notice-pdf"], { ...incidents, summary: "A district's notice as PDF (its bytes, application/pdf): the delivered one for the district's people, drafts too for platform admins.", params: incidentDistrictParams, ...pdfResponseDoc, problems: { 404: "No such incident, or no notice for that district that the caller may see." } }),
    async (request, reply) => {
      const { id, tenantId } = parseInput(incidentDistrictParams, request.params);
      const { bytes, filename } = await noticePdf(ctx, actorOf(request), id, tenantId);
      return replyWithPdf(reply, bytes, filename);
    },
  );
}
