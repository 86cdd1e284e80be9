// The anomaly detector's alerts for the Security alerts page: list (with the chart's counts), one alert with
// its evidence and the baseline it broke, one-click responses and their reversal, "not an anomaly", and the
// per-tenant/tier response settings (platform administrators).
import type { FastifyInstance } from "fastify";
import { accessPolicies as policies } from "../../../contracts/access-policies";
import {
  alertParams,
  alertResponse,
  applyAlertResponseRequest,
  decideAlertRequest,
  detectorSettingDto,
  detectorSettingsResponse,
  listSecurityAlertsQuery,
  listSecurityAlertsResponse,
  putDetectorSettingRequest,
  responseParams,
} from "../../../contracts/security-alert-api";
import { parseInput } from "../../common/http/parse";
import { routeOptions } from "../../common/http/policy";
import type { AccessContext } from "../domain/context";
import { applyAlertResponse, reverseAlertResponse } from "../domain/security-alerts/act-on-alert";
import { decideAlert } from "../domain/security-alerts/decide-alert";
import { listDetectorSettings, putDetectorSetting } from "../domain/security-alerts/detector-settings";
import { getAlert } from "../domain/security-alerts/get-alert";
import { listAlerts } from "../domain/security-alerts/list-alerts";
import { requestMeta } from "./request-meta";
import { actorOf } from "./require-actor";

const tags = { tags: ["security"] } as const;
const noAlert = { 404: "No such alert (or not the person's tenant's)." } as const;

export function securityAlertRoutes(app: FastifyInstance, ctx: AccessContext): void {
  // GET /v1/security/alerts — newest first, keyset pages, with per-day counts by kind and tenant.
  app.get(
    "/v1/security/alerts",
    routeOptions(policies["GET /v1/security/alerts"], { ...tags, summary: "The detector's alerts (a tenant's people: their tenant's), with 30 days of counts by kind and tenant.", query: listSecurityAlertsQuery, response: listSecurityAlertsResponse }),
    async (request) => listAlerts(ctx, actorOf(request), parseInput(listSecurityAlertsQuery, request.query)),
  );

  // GET /v1/security/alerts/:id — one alert, its evidence, the baseline it broke, its responses.
  app.get(
    "/v1/security/alerts/:id",
    routeOptions(policies["GET /v1/security/alerts/:id"], { ...tags, summary: "One alert with its evidence, the baseline it broke and its responses.", params: alertParams, response: alertResponse, problems: noAlert }),
    async (request) => getAlert(ctx, actorOf(request), parseInput(alertParams, request.params).id),
  );

  // POST /v1/security/alerts/:id/responses — apply a response now (throttle, suspend, step-up, shun).
  app.post(
    "/v1/security/alerts/:id/responses",
    routeOptions(policies["POST /v1/security/alerts/:id/responses"], {
      ...tags,
      summary: "Applies a response to the alert through the license rules (throttle: its request quota; suspend: the license); step-up and shun are recorded as pending. Audited.",
      params: alertParams,
      body: applyAlertResponseRequest,
      response: alertResponse,
      problems: { ...noAlert, 409: "The alert names nothing this response acts on, or the license refuses the change (e.g. revoked)." },
    }),
    async (request) => applyAlertResponse(ctx, actorOf(request), parseInput(alertParams, request.params).id, parseInput(applyAlertResponseRequest, request.body).kind, requestMeta(request)),
  );

  // POST /v1/security/alerts/:id/responses/:responseId/reverse — undo an applied or pending response.
  app.post(
    "/v1/security/alerts/:id/responses/:responseId/reverse",
    routeOptions(policies["POST /v1/security/alerts/:id/responses/:responseId/reverse"], {
      ...tags,
      summary: "Reverses a response: reinstates the license, restores its request quota, or cancels a pending step-up or shun. Audited.",
      params: responseParams,
      response: alertResponse,
      problems: { 404: "No such alert or response.", 409: "The response was never applied or is already reversed." },
    }),
    async (request) => {
      const { id, responseId } = parseInput(responseParams, request.params);
      return reverseAlertResponse(ctx, actorOf(request), id, responseId, requestMeta(request));
    },
  );

  // POST /v1/security/alerts/:id/decision — "not an anomaly" (feeds the baseline) or resolved.
  app.post(
    "/v1/security/alerts/:id/decision",
    routeOptions(policies["POST /v1/security/alerts/:id/decision"], {
      ...tags,
      summary: "Closes an open alert: not_anomaly allows what it found new in the principal's baseline; resolved closes it as handled. Audited.",
      params: alertParams,
      body: decideAlertRequest,
      response: alertResponse,
      problems: { ...noAlert, 409: "The alert was already decided." },
    }),
    async (request) => decideAlert(ctx, actorOf(request), parseInput(alertParams, request.params).id, parseInput(decideAlertRequest, request.body).decision, requestMeta(request)),
  );

  // GET /v1/security/detector-settings — the responses per tenant and tier (absent: shadow mode).
  app.get(
    "/v1/security/detector-settings",
    routeOptions(policies["GET /v1/security/detector-settings"], { ...tags, summary: "The detector's responses per tenant and tier; absent, shadow mode (record only).", response: detectorSettingsResponse }),
    async () => listDetectorSettings(ctx),
  );

  // PUT /v1/security/detector-settings — set one scope's mode and responses.
  app.put(
    "/v1/security/detector-settings",
    routeOptions(policies["PUT /v1/security/detector-settings"], {
      ...tags,
      summary: "Sets the detector's mode (shadow or enforce) and responses for default, a tier or a tenant. Audited.",
      body: putDetectorSettingRequest,
      response: detectorSettingDto,
      problems: { 422: "The scope names no tenant or tier." },
    }),
    async (request) => putDetectorSetting(ctx, actorOf(request), parseInput(putDetectorSettingRequest, request.body), requestMeta(request)),
  );
}
