// OAuth clients of a license for the web tier acting for a person: register, list, revoke (with its tokens).
import type { FastifyInstance } from "fastify";
import { accessPolicies as policies } from "../../../contracts/access-policies";
import { licenseIdParams } from "../../../contracts/license-api";
import { listOAuthClientsResponse, oauthClientIdParams, oauthClientResponse, registerOAuthClientRequest, revokeOAuthClientResponse } from "../../../contracts/oauth-api";
import { parseInput } from "../../common/http/parse";
import { routeOptions } from "../../common/http/policy";
import type { AccessContext } from "../domain/context";
import { listOAuthClients } from "../domain/oauth/list-oauth-clients";
import { registerOAuthClient } from "../domain/oauth/register-oauth-client";
import { revokeOAuthClient } from "../domain/oauth/revoke-oauth-client";
import { requestMeta } from "./request-meta";
import { actorOf } from "./require-actor";

const web = { tags: ["oauth-clients"] } as const;
const licenseMissing = { 404: "No such license (or another tenant's)." };

export function oauthClientRoutes(app: FastifyInstance, ctx: AccessContext) {
  // GET /v1/licenses/:id/oauth-clients — the license's OAuth clients, newest first.
  app.get(
    "/v1/licenses/:id/oauth-clients",
    routeOptions(policies["GET /v1/licenses/:id/oauth-clients"], { ...web, summary: "List a license's OAuth clients.", params: licenseIdParams, response: listOAuthClientsResponse, problems: licenseMissing }),
    async (request) => {
      const actor = actorOf(request);
      return listOAuthClients(ctx, actor, parseInput(licenseIdParams, request.params).id);
    },
  );

  // POST /v1/licenses/:id/oauth-clients — register a component (by certificate identity) as an OAuth client.
  app.post(
    "/v1/licenses/:id/oauth-clients",
    routeOptions(policies["POST /v1/licenses/:id/oauth-clients"], { ...web, summary: "Register an OAuth client (tls_client_auth) of a license.", params: licenseIdParams, body: registerOAuthClientRequest, status: 201, response: oauthClientResponse, problems: licenseMissing }),
    async (request, reply) => {
      const actor = actorOf(request);
      const { id } = parseInput(licenseIdParams, request.params);
      return reply.status(201).send(await registerOAuthClient(ctx, actor, id, parseInput(registerOAuthClientRequest, request.body), requestMeta(request)));
    },
  );

  // POST /v1/oauth-clients/:id/revoke — revoke the client and every live token it obtained.
  app.post(
    "/v1/oauth-clients/:id/revoke",
    routeOptions(policies["POST /v1/oauth-clients/:id/revoke"], { ...web, summary: "Revoke an OAuth client and its tokens.", params: oauthClientIdParams, response: revokeOAuthClientResponse, problems: { 404: "No such OAuth client (or another tenant's).", 409: "already-revoked." } }),
    async (request) => {
      const actor = actorOf(request);
      return revokeOAuthClient(ctx, actor, parseInput(oauthClientIdParams, request.params).id, requestMeta(request));
    },
  );
}
