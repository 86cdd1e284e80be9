// Licenses: list, create, read, lifecycle actions, key reveal and timeline for the web tier acting for a
// person; validation for internal components (any mTLS identity but the web tier, no bearer).
import type { FastifyInstance } from "fastify";
import type { Permission } from "../../../contracts/permissions";
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
  validateLicenseRequest,
  validateLicenseResponse,
} from "../../../contracts/license-api";
import { AppError } from "../../common/http/app-error";
import { callerIdentity } from "../../common/http/caller";
import { parseInput } from "../../common/http/parse";
import type { RouteDoc } from "../../common/http/openapi";
import { assertPermission } from "../domain/actors/actor";
import type { AccessContext } from "../domain/context";
import { changeLicense, type ChangeRequest } from "../domain/licenses/change-license";
import { createLicense } from "../domain/licenses/create-license";
import { getLicense } from "../domain/licenses/get-license";
import { licenseTimeline } from "../domain/licenses/license-timeline";
import { listLicenses } from "../domain/licenses/list-licenses";
import { revealLicenseKey } from "../domain/licenses/reveal-license-key";
import { validateLicense } from "../domain/licenses/validate-license";
import { createValidationFailureAudit } from "../domain/licenses/validation-failure-audit";
import { requestMeta } from "./request-meta";
import { requireActor } from "./require-actor";

const web = { tags: ["licenses"], callers: ["web"], bearer: true } as const;
const openapi = (doc: RouteDoc) => ({ config: { openapi: doc } });
const actionProblems = { 404: "No such license (or another tenant's).", 409: "Not allowed from the license's status; `reason` says why (license-revoked, already-suspended, license-expired, not-suspended, same-tier, license-exists)." };

export function licenseRoutes(app: FastifyInstance, ctx: AccessContext) {
  const validationFailures = createValidationFailureAudit();
  /** The acting person, refused (403) before their input is parsed, so read-only roles learn nothing from validation. */
  const actorWith = async (request: Parameters<typeof requireActor>[1], permission: Permission) => {
    const actor = await requireActor(ctx, request);
    assertPermission(actor, permission);
    return actor;
  };

  // GET /v1/licenses — the license table: filters, search, sort, keyset pages.
  app.get("/v1/licenses", openapi({ ...web, summary: "List licenses (keyset pages).", query: listLicensesQuery, response: listLicensesResponse }), async (request) => {
    const actor = await actorWith(request, "licenses.read");
    return listLicenses(ctx, actor, parseInput(listLicensesQuery, request.query));
  });

  // POST /v1/licenses — create a license (the key is generated and never returned here).
  app.post(
    "/v1/licenses",
    openapi({ ...web, summary: "Create a license.", body: createLicenseRequest, status: 201, response: getLicenseResponse, problems: { 409: "The tenant already has a live license for the component (license-exists)." } }),
    async (request, reply) => {
      const actor = await actorWith(request, "licenses.write");
      const created = await createLicense(ctx, actor, parseInput(createLicenseRequest, request.body), requestMeta(request));
      return reply.status(201).send(created);
    },
  );

  // POST /v1/licenses/validate — internal components ask whether a key is valid (for a scope).
  app.post(
    "/v1/licenses/validate",
    openapi({
      tags: ["licenses"],
      callers: "any",
      summary: "Validate a license key (internal components; not the web tier). An invalid key is a 200 answer with a reason.",
      body: validateLicenseRequest,
      response: validateLicenseResponse,
    }),
    async (request) => {
      const caller = callerIdentity(request);
      if (!caller || caller === "web") throw new AppError("forbidden", "License validation is for internal components, not the web tier.");
      return validateLicense(ctx, validationFailures, caller, parseInput(validateLicenseRequest, request.body), requestMeta(request));
    },
  );

  // GET /v1/licenses/:id — the license page: tenant, component, tier and current scopes.
  app.get("/v1/licenses/:id", openapi({ ...web, summary: "One license with its scopes.", params: licenseIdParams, response: getLicenseResponse, problems: { 404: "No such license (or another tenant's)." } }), async (request) => {
    const actor = await actorWith(request, "licenses.read");
    return getLicense(ctx, actor, parseInput(licenseIdParams, request.params).id);
  });

  // POST /v1/licenses/:id/{suspend,reinstate,revoke,renew,change-tier} — lifecycle actions.
  const action = (path: string, summary: string, body: RouteDoc["body"], toRequest: (body: unknown) => ChangeRequest) =>
    app.post(`/v1/licenses/:id/${path}`, openapi({ ...web, summary, params: licenseIdParams, body, response: getLicenseResponse, problems: actionProblems }), async (request) => {
      const actor = await actorWith(request, "licenses.write");
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

  // POST /v1/licenses/:id/reveal-key — the key, after re-entering the password.
  app.post(
    "/v1/licenses/:id/reveal-key",
    openapi({ ...web, summary: "Reveal a license key (re-enter your password).", params: licenseIdParams, body: revealLicenseKeyRequest, response: revealLicenseKeyResponse, problems: { 404: "No such license (or another tenant's).", 429: "Too many wrong passwords; retry later." } }),
    async (request) => {
      const actor = await actorWith(request, "licenses.reveal");
      const { id } = parseInput(licenseIdParams, request.params);
      return revealLicenseKey(ctx, actor, id, parseInput(revealLicenseKeyRequest, request.body).password, requestMeta(request));
    },
  );

  // GET /v1/licenses/:id/timeline — this license's audit events, newest first.
  app.get(
    "/v1/licenses/:id/timeline",
    openapi({ ...web, summary: "A license's history from the audit log.", params: licenseIdParams, response: licenseTimelineResponse, problems: { 404: "No such license (or another tenant's).", 503: "The audit log cannot be read right now." } }),
    async (request) => {
      const actor = await actorWith(request, "licenses.read");
      return licenseTimeline(ctx, actor, parseInput(licenseIdParams, request.params).id);
    },
  );
}
