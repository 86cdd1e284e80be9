// Licenses: list, create, read, lifecycle actions (and the preview of a change of tier), key reveal and timeline for the web tier acting for a
// person; validation for internal components (the resource servers of the license's component).
import type { FastifyInstance } from "fastify";
import { accessPolicies as policies } from "../../../contracts/access-policies";
import {
  changeLicenseTierRequest,
  createLicenseRequest,
  getLicenseResponse,
  licenseIdParams,
  licenseTimelineResponse,
  listLicensesQuery,
  listLicensesResponse,
  renewLicenseRequest,
  revealLicenseKeyRequest,
  revealLicenseKeyResponse,
  setRequestQuotaRequest,
  tierChangePreviewQuery,
  tierChangePreviewResponse,
  validateLicenseRequest,
  validateLicenseResponse,
} from "../../../contracts/license-api";
import { csvDocument, licenseExportQuery } from "../../../contracts/table-exports";
import { parseInput } from "../../common/http/parse";
import type { RouteDoc } from "../../common/http/openapi";
import { routeOptions, verifiedCaller } from "../../common/http/policy";
import type { RepeatSuppressorOptions } from "../../common/http/repeat-suppressor";
import type { AccessContext } from "../domain/context";
import { changeLicense, type ChangeRequest } from "../domain/licenses/change-license";
import { createLicense } from "../domain/licenses/create-license";
import { exportLicenses } from "../domain/licenses/export-licenses";
import { getLicense } from "../domain/licenses/get-license";
import { licenseTimeline } from "../domain/licenses/license-timeline";
import { listLicenses } from "../domain/licenses/list-licenses";
import { previewTierChange } from "../domain/licenses/preview-tier-change";
import { revealLicenseKey } from "../domain/licenses/reveal-license-key";
import { setRequestQuota } from "../domain/licenses/set-request-quota";
import { validateLicense } from "../domain/licenses/validate-license";
import { createValidationFailureAudit } from "../domain/licenses/validation-failure-audit";
import { rateLimitHeaders } from "../domain/quotas/rate-limit-fields";
import { rateLimitFieldDocs, rateLimitedFieldDocs } from "./rate-limit-docs";
import { requestMeta } from "./request-meta";
import { sendCsv } from "./send-csv";
import { exportAudit } from "../domain/documents/audited-export";
import { actorOf } from "./require-actor";

const web = { tags: ["licenses"] } as const;
const actionProblems = {
  404: "No such license (or another tenant's).",
  409:
    "Not allowed from the license's status; `reason` says why (license-revoked, already-suspended, license-expired, not-suspended, same-tier, license-exists, " +
    "tier-change-blocked: the new tier would leave an active license no scope, fewer seats than in use or more live tokens than it allows; " +
    "reinstate-blocked: the same, against the license's tier as it is now; tenant-not-active: reinstate or renew while the tenant is suspended, being closed or closed).",
};

export function licenseRoutes(app: FastifyInstance, ctx: AccessContext, suppression: RepeatSuppressorOptions = {}) {
  const validationFailures = createValidationFailureAudit(suppression);

  // GET /v1/licenses — the license table: filters, search, sort, keyset pages.
  app.get("/v1/licenses", routeOptions(policies["GET /v1/licenses"], { ...web, summary: "List licenses (keyset pages).", query: listLicensesQuery, response: listLicensesResponse }), async (request) => {
    const actor = actorOf(request);
    return listLicenses(ctx, actor, parseInput(listLicensesQuery, request.query));
  });

  // GET /v1/licenses/export — the table's whole selection (same filters and sort) as CSV, streamed.
  app.get(
    "/v1/licenses/export",
    routeOptions(policies["GET /v1/licenses/export"], { ...web, summary: "The licenses the table's filters select, every page, as CSV.", query: licenseExportQuery, response: csvDocument, responseContentType: "text/csv" }),
    async (request, reply) => {
      const actor = actorOf(request);
      const query = parseInput(licenseExportQuery, request.query);
      return sendCsv(reply, ctx, "licenses", exportLicenses(ctx, actor, query), exportAudit(ctx, actor, requestMeta(request), { action: "license.export", table: "licenses", format: "csv", filters: query }));
    },
  );

  // POST /v1/licenses — create a license (the key is generated and never returned here).
  app.post(
    "/v1/licenses",
    routeOptions(policies["POST /v1/licenses"], { ...web, summary: "Create a license.", body: createLicenseRequest, status: 201, response: getLicenseResponse, problems: { 409: "The holder already has a live license for the component in this tenant (license-exists; `detail` names it), or the tenant is suspended, being closed or closed (tenant-not-active)." } }),
    async (request, reply) => {
      const actor = actorOf(request);
      const created = await createLicense(ctx, actor, parseInput(createLicenseRequest, request.body), requestMeta(request));
      return reply.status(201).send(created);
    },
  );

  // POST /v1/licenses/validate — internal components ask whether a key is valid (for a scope).
  app.post(
    "/v1/licenses/validate",
    routeOptions(policies["POST /v1/licenses/validate"], {
      tags: ["licenses"],
      summary:
        "Validate a license key (internal components). An invalid key is a 200 answer with a reason; a license of a component the caller " +
        "does not serve as a resource server answers exactly as an unknown key. A license that would validate counts against its " +
        "request-rate quota: the answer carries RateLimit-Policy and RateLimit, and over the quota it is a 429 with reason rate-limited and Retry-After.",
      body: validateLicenseRequest,
      response: validateLicenseResponse,
      answers: { 429: { description: "Over the license's request-rate quota: { valid: false, reason: \"rate-limited\" }.", schema: validateLicenseResponse } },
      headers: { 200: rateLimitFieldDocs, 429: rateLimitedFieldDocs },
    }),
    async (request, reply) => {
      const { answer, quota } = await validateLicense(ctx, validationFailures, verifiedCaller(request), parseInput(validateLicenseRequest, request.body), requestMeta(request));
      if (quota) void reply.headers(rateLimitHeaders(quota)).status(quota.admitted ? 200 : 429);
      return answer;
    },
  );

  // GET /v1/licenses/:id — the license page: tenant, component, tier and current scopes.
  app.get("/v1/licenses/:id", routeOptions(policies["GET /v1/licenses/:id"], { ...web, summary: "One license with its scopes.", params: licenseIdParams, response: getLicenseResponse, problems: { 404: "No such license (or another tenant's)." } }), async (request) => {
    const actor = actorOf(request);
    return getLicense(ctx, actor, parseInput(licenseIdParams, request.params).id);
  });

  // POST /v1/licenses/:id/{suspend,reinstate,revoke,renew,change-tier} — lifecycle actions.
  const action = (path: "suspend" | "reinstate" | "revoke" | "renew" | "change-tier", summary: string, body: RouteDoc["body"], toRequest: (body: unknown) => ChangeRequest) =>
    app.post(`/v1/licenses/:id/${path}`, routeOptions(policies[`POST /v1/licenses/:id/${path}`], { ...web, summary, params: licenseIdParams, body, response: getLicenseResponse, problems: actionProblems }), async (request) => {
      const actor = actorOf(request);
      const { id } = parseInput(licenseIdParams, request.params);
      return changeLicense(ctx, actor, id, toRequest(request.body), requestMeta(request));
    });
  action("suspend", "Suspend an active license.", undefined, () => ({ action: "suspend" }));
  action("reinstate", "Reinstate a suspended license (expired if its term is over).", undefined, () => ({ action: "reinstate" }));
  action("revoke", "Revoke a license (final).", undefined, () => ({ action: "revoke" }));
  action("renew", "Extend a license's end; an expired one becomes active.", renewLicenseRequest, (body) => ({ action: "renew", endsAt: parseInput(renewLicenseRequest, body).endsAt }));
  action("change-tier", "Move a license to another tier; its scopes follow at once.", changeLicenseTierRequest, (body) => ({
    action: "change-tier",
    tierId: parseInput(changeLicenseTierRequest, body).tierId,
  }));

  // GET /v1/licenses/:id/tier-change-preview?tierId= — what change-tier to that tier would do, saving nothing.
  app.get(
    "/v1/licenses/:id/tier-change-preview",
    routeOptions(policies["GET /v1/licenses/:id/tier-change-preview"], {
      ...web,
      summary: "Preview a change of tier: whether the tier's rules allow it (else what breaks), the seats and the scopes lost and gained. Nothing is saved.",
      params: licenseIdParams,
      query: tierChangePreviewQuery,
      response: tierChangePreviewResponse,
      problems: { 404: "No such license (or another tenant's).", 409: "change-tier would be refused whatever the tier's rules: license-revoked or same-tier.", 422: "No such tier (fieldErrors.tierId)." },
    }),
    async (request) => {
      const actor = actorOf(request);
      const { id } = parseInput(licenseIdParams, request.params);
      return previewTierChange(ctx, actor, id, parseInput(tierChangePreviewQuery, request.query).tierId);
    },
  );

  // PUT /v1/licenses/:id/request-quota — the license's own requests per minute, or null for its tier's.
  app.put(
    "/v1/licenses/:id/request-quota",
    routeOptions(policies["PUT /v1/licenses/:id/request-quota"], {
      ...web,
      summary: "Set a license's request-rate quota (requests a minute over validations, introspections and grants); null: its tier's.",
      params: licenseIdParams,
      body: setRequestQuotaRequest,
      response: getLicenseResponse,
      problems: { 404: "No such license (or another tenant's).", 409: "The license is revoked (license-revoked)." },
    }),
    async (request) => {
      const actor = actorOf(request);
      const { id } = parseInput(licenseIdParams, request.params);
      return setRequestQuota(ctx, actor, id, parseInput(setRequestQuotaRequest, request.body), requestMeta(request));
    },
  );

  // POST /v1/licenses/:id/reveal-key — the key, after re-entering the password.
  app.post(
    "/v1/licenses/:id/reveal-key",
    routeOptions(policies["POST /v1/licenses/:id/reveal-key"], { ...web, summary: "Reveal a license key (re-enter your password).", params: licenseIdParams, body: revealLicenseKeyRequest, response: revealLicenseKeyResponse, problems: { 404: "No such license (or another tenant's).", 429: "Too many wrong passwords; retry later." } }),
    async (request) => {
      const actor = actorOf(request);
      const { id } = parseInput(licenseIdParams, request.params);
      return revealLicenseKey(ctx, actor, id, parseInput(revealLicenseKeyRequest, request.body).password, requestMeta(request));
    },
  );

  // GET /v1/licenses/:id/timeline — this license's audit events, newest first.
  app.get(
    "/v1/licenses/:id/timeline",
    routeOptions(policies["GET /v1/licenses/:id/timeline"], { ...web, summary: "A license's history from the audit log.", params: licenseIdParams, response: licenseTimelineResponse, problems: { 404: "No such license (or another tenant's).", 503: "The audit log cannot be read right now." } }),
    async (request) => {
      const actor = actorOf(request);
      return licenseTimeline(ctx, actor, parseInput(licenseIdParams, request.params).id);
    },
  );
}
