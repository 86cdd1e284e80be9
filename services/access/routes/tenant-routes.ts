// Tenants, their members and invitations: the web tier acting for a signed-in person, plus the
// invitee's two endpoints (web tier, no session yet). HTTP shape only; the rules live in domain/.
import type { FastifyInstance } from "fastify";
import {
  acceptInvitationRequest,
  acceptInvitationResponse,
  createInvitationRequest,
  createInvitationResponse,
  createTenantRequest,
  invitationParams,
  invitationPreviewResponse,
  invitationTokenParams,
  listInvitationsResponse,
  listMembersResponse,
  listTenantsQuery,
  listTenantsResponse,
  memberParams,
  removeMemberResponse,
  revokeInvitationResponse,
  secondFactorRequirementRequest,
  tenantIdParams,
  tenantResponse,
  updateTenantRequest,
} from "../../../contracts/tenant-api";
import { accessPolicies as policies } from "../../../contracts/access-policies";
import { csvDocument, tenantExportQuery } from "../../../contracts/table-exports";
import { parseInput } from "../../common/http/parse";
import { routeOptions } from "../../common/http/policy";
import type { AccessContext } from "../domain/context";
import { acceptInvitation, previewInvitation } from "../domain/invitations/accept-invitation";
import { createInvitation } from "../domain/invitations/create-invitation";
import { listInvitations } from "../domain/invitations/list-invitations";
import { revokeInvitation } from "../domain/invitations/revoke-invitation";
import { listMembers } from "../domain/members/list-members";
import { removeMember } from "../domain/members/remove-member";
import { createTenant } from "../domain/tenants/create-tenant";
import { getTenant } from "../domain/tenants/get-tenant";
import { exportTenants } from "../domain/tenants/export-tenants";
import { listTenants } from "../domain/tenants/list-tenants";
import { setSecondFactorRequirement } from "../domain/tenants/set-second-factor-requirement";
import { updateTenant } from "../domain/tenants/update-tenant";
import { requestMeta } from "./request-meta";
import { sendCsv } from "./send-csv";
import { exportAudit } from "../domain/documents/audited-export";
import { actorOf } from "./require-actor";

const asPerson = { tags: ["tenants"] } as const;
const asInvitee = { tags: ["invitations"] } as const;
const notFound = { 404: "No such record, or one of another tenant." };
const linkProblems = { 404: "Unknown link (reason invitation-invalid).", 410: "Used, revoked or expired link (reason says which)." };

export function tenantRoutes(app: FastifyInstance, ctx: AccessContext) {
  // GET /v1/tenants — the tenants the person may see, searchable, one keyset page at a time.
  app.get("/v1/tenants", {
    config: {
      policy: policies["GET /v1/tenants"],
      openapi: {
        summary: "Lists the tenants the person may see (platform admins: all; others: their own), by name, one keyset page at a time.",
        ...asPerson, query: listTenantsQuery, response: listTenantsResponse,
      },
    },
  }, async (request) => {
    const actor = actorOf(request);
    return listTenants(ctx, actor, parseInput(listTenantsQuery, request.query));
  });

  // GET /v1/tenants/export — the tenants table's whole selection (same search and kind) as CSV, streamed.
  app.get(
    "/v1/tenants/export",
    routeOptions(policies["GET /v1/tenants/export"], { ...asPerson, summary: "The tenants the table's search and kind select, every page, as CSV.", query: tenantExportQuery, response: csvDocument, responseContentType: "text/csv" }),
    async (request, reply) => {
      const actor = actorOf(request);
      const query = parseInput(tenantExportQuery, request.query);
      return sendCsv(reply, ctx, "tenants", exportTenants(ctx, actor, query), exportAudit(ctx, actor, requestMeta(request), { action: "tenant.export", table: "tenants", format: "csv", filters: query }));
    },
  );

  // POST /v1/tenants — creates a company or district tenant.
  app.post("/v1/tenants", {
    config: {
      policy: policies["POST /v1/tenants"],
      openapi: {
        summary: "Creates a company or district tenant (tenants.write).",
        ...asPerson, body: createTenantRequest, status: 201, response: tenantResponse,
        problems: { 409: "The slug is taken (fieldErrors.slug)." },
      },
    },
  }, async (request, reply) => {
    const actor = actorOf(request);
    const input = parseInput(createTenantRequest, request.body);
    return reply.status(201).send(await createTenant(ctx, actor, input, requestMeta(request)));
  });

  // GET /v1/tenants/:id — one tenant.
  app.get("/v1/tenants/:id", {
    config: {
      policy: policies["GET /v1/tenants/:id"],
      openapi: {
        summary: "One tenant (tenants.read).",
        ...asPerson, params: tenantIdParams, response: tenantResponse, problems: notFound,
      },
    },
  }, async (request) => {
    const actor = actorOf(request);
    return getTenant(ctx, actor, parseInput(tenantIdParams, request.params).id);
  });

  // PATCH /v1/tenants/:id — edits name, kind and district fields.
  app.patch("/v1/tenants/:id", {
    config: {
      policy: policies["PATCH /v1/tenants/:id"],
      openapi: {
        summary: "Edits a tenant's name, kind and district fields (tenants.write); the slug never changes.",
        ...asPerson, params: tenantIdParams, body: updateTenantRequest, response: tenantResponse, problems: notFound,
      },
    },
  }, async (request) => {
    const actor = actorOf(request);
    const { id } = parseInput(tenantIdParams, request.params);
    return updateTenant(ctx, actor, id, parseInput(updateTenantRequest, request.body), requestMeta(request));
  });

  // PUT /v1/tenants/:id/second-factor-requirement — require a second factor of the tenant's people, or stop.
  app.put("/v1/tenants/:id/second-factor-requirement", {
    config: {
      policy: policies["PUT /v1/tenants/:id/second-factor-requirement"],
      openapi: {
        summary: "Requires a second factor of the tenant's people, or stops requiring it (sign_in_policy.write, with a fresh second factor of one's own).",
        ...asPerson, params: tenantIdParams, body: secondFactorRequirementRequest, response: tenantResponse,
        problems: { ...notFound, 409: "The tenant is closed or being closed (tenant-closed)." },
      },
    },
  }, async (request) => {
    const actor = actorOf(request);
    const { id } = parseInput(tenantIdParams, request.params);
    return setSecondFactorRequirement(ctx, actor, id, parseInput(secondFactorRequirementRequest, request.body).required, requestMeta(request));
  });

  // GET /v1/tenants/:id/members — the tenant's people with role and removed state.
  app.get("/v1/tenants/:id/members", {
    config: {
      policy: policies["GET /v1/tenants/:id/members"],
      openapi: {
        summary: "The tenant's people with role and removed state (members.read).",
        ...asPerson, params: tenantIdParams, response: listMembersResponse, problems: notFound,
      },
    },
  }, async (request) => {
    const actor = actorOf(request);
    return listMembers(ctx, actor, parseInput(tenantIdParams, request.params).id);
  });

  // DELETE /v1/tenants/:id/members/:userId — removes a person; their sessions end.
  app.delete("/v1/tenants/:id/members/:userId", {
    config: {
      policy: policies["DELETE /v1/tenants/:id/members/:userId"],
      openapi: {
        summary: "Removes a person from the tenant; their sessions end (members.write, never above one's own rank).",
        ...asPerson, params: memberParams, response: removeMemberResponse,
        problems: { ...notFound, 409: "Already removed, or the last tenant admin removing themselves (reason says which)." },
      },
    },
  }, async (request) => {
    const actor = actorOf(request);
    const { id, userId } = parseInput(memberParams, request.params);
    return removeMember(ctx, actor, id, userId, requestMeta(request));
  });

  // POST /v1/tenants/:id/invitations — invites a person with a role; the link is shown once.
  app.post("/v1/tenants/:id/invitations", {
    config: {
      policy: policies["POST /v1/tenants/:id/invitations"],
      openapi: {
        summary: "Invites a person with a role the caller may grant (members.write); the link is shown once and lasts 7 days.",
        ...asPerson, params: tenantIdParams, body: createInvitationRequest, status: 201,
        response: createInvitationResponse,
        problems: { ...notFound, 409: "The address belongs to a member of this tenant (already-member) or has a pending invitation (invitation-pending); an account elsewhere is invited as any new address." },
      },
    },
  }, async (request, reply) => {
    const actor = actorOf(request);
    const { id } = parseInput(tenantIdParams, request.params);
    const input = parseInput(createInvitationRequest, request.body);
    return reply.status(201).send(await createInvitation(ctx, actor, id, input, requestMeta(request)));
  });

  // GET /v1/tenants/:id/invitations — every invitation of the tenant with its status.
  app.get("/v1/tenants/:id/invitations", {
    config: {
      policy: policies["GET /v1/tenants/:id/invitations"],
      openapi: {
        summary: "Every invitation of the tenant with its status, newest first (members.read).",
        ...asPerson, params: tenantIdParams, response: listInvitationsResponse, problems: notFound,
      },
    },
  }, async (request) => {
    const actor = actorOf(request);
    return listInvitations(ctx, actor, parseInput(tenantIdParams, request.params).id);
  });

  // DELETE /v1/tenants/:id/invitations/:invitationId — revokes a pending invitation.
  app.delete("/v1/tenants/:id/invitations/:invitationId", {
    config: {
      policy: policies["DELETE /v1/tenants/:id/invitations/:invitationId"],
      openapi: {
        summary: "Revokes a pending invitation (members.write).",
        ...asPerson, params: invitationParams, response: revokeInvitationResponse,
        problems: { ...notFound, 409: "The invitation is no longer pending (reason says why)." },
      },
    },
  }, async (request) => {
    const actor = actorOf(request);
    const { id, invitationId } = parseInput(invitationParams, request.params);
    return revokeInvitation(ctx, actor, id, invitationId, requestMeta(request));
  });

  // GET /v1/invitations/:token — what an invitation link offers, or why it cannot be used (no session).
  app.get("/v1/invitations/:token", {
    config: {
      policy: policies["GET /v1/invitations/:token"],
      openapi: {
        summary: "What an invitation link offers, for the invitee (no session).",
        ...asInvitee, params: invitationTokenParams, response: invitationPreviewResponse, problems: linkProblems,
      },
    },
  }, async (request) => {
    return previewInvitation(ctx, parseInput(invitationTokenParams, request.params).token);
  });

  // POST /v1/invitations/:token/accept — creates the invitee's account and consumes the link (no session).
  app.post("/v1/invitations/:token/accept", {
    config: {
      policy: policies["POST /v1/invitations/:token/accept"],
      openapi: {
        summary: "Creates the invitee's account in the tenant and consumes the link (no session).",
        ...asInvitee, params: invitationTokenParams, body: acceptInvitationRequest, status: 201,
        response: acceptInvitationResponse,
        problems: { ...linkProblems, 409: "The address already has an account (reason email-taken): told to the invitee, never to the inviter." },
      },
    },
  }, async (request, reply) => {
    const { token } = parseInput(invitationTokenParams, request.params);
    const input = parseInput(acceptInvitationRequest, request.body);
    return reply.status(201).send(await acceptInvitation(ctx, token, input, requestMeta(request)));
  });
}
