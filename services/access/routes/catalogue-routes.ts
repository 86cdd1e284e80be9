// The catalogue of components, their scopes and their resource servers: everyone but district reviewers
// reads it, platform administrators add to it (contracts/access-policies.ts says who, before input is read).
import type { FastifyInstance } from "fastify";
import { accessPolicies as policies } from "../../../contracts/access-policies";
import {
  addResourceServerRequest,
  addResourceServerResponse,
  componentIdParams,
  createComponentRequest,
  createComponentResponse,
  createScopeRequest,
  createScopeResponse,
  getComponentResponse,
  listComponentsResponse,
  listResourceServersResponse,
  renameComponentRequest,
  renameScopeRequest,
  resourceServerParams,
  retireRequest,
  scopeIdParams,
} from "../../../contracts/catalogue-api";
import { parseInput } from "../../common/http/parse";
import { routeOptions } from "../../common/http/policy";
import { addResourceServer } from "../domain/catalogue/add-resource-server";
import { renameComponent, renameScope, retireComponent, retireScope } from "../domain/catalogue/change-catalogue-entry";
import { createComponent } from "../domain/catalogue/create-component";
import { createScope } from "../domain/catalogue/create-scope";
import { getComponent, listComponents } from "../domain/catalogue/list-components";
import { listResourceServers } from "../domain/catalogue/list-resource-servers";
import { removeResourceServer } from "../domain/catalogue/remove-resource-server";
import type { AccessContext } from "../domain/context";
import { requestMeta } from "./request-meta";
import { actorOf } from "./require-actor";

const doc = { tags: ["catalogue"] } as const;
const noComponent = { 404: "No such component." };
const noScope = { 404: "No such scope." };

export function catalogueRoutes(app: FastifyInstance, ctx: AccessContext) {
  // GET /v1/components — every component with its scopes.
  app.get("/v1/components", routeOptions(policies["GET /v1/components"], { ...doc, summary: "List components with their scopes.", response: listComponentsResponse }), async () => listComponents(ctx));

  // POST /v1/components — adds a component; 409 when the key exists.
  app.post(
    "/v1/components",
    routeOptions(policies["POST /v1/components"], { ...doc, summary: "Add a component.", body: createComponentRequest, status: 201, response: createComponentResponse, problems: { 409: "The key is taken." } }),
    async (request, reply) => {
      const input = parseInput(createComponentRequest, request.body);
      return reply.status(201).send(await createComponent(ctx, actorOf(request), input, requestMeta(request)));
    },
  );

  // GET /v1/components/:id — one component with its scopes (the component's page).
  app.get(
    "/v1/components/:id",
    routeOptions(policies["GET /v1/components/:id"], { ...doc, summary: "One component with its scopes.", params: componentIdParams, response: getComponentResponse, problems: noComponent }),
    async (request) => getComponent(ctx, parseInput(componentIdParams, request.params).id),
  );

  // PATCH /v1/components/:id — renames a component (name, description; the key stays).
  app.patch(
    "/v1/components/:id",
    routeOptions(policies["PATCH /v1/components/:id"], { ...doc, summary: "Rename a component (name and description; the key never changes).", params: componentIdParams, body: renameComponentRequest, response: getComponentResponse, problems: noComponent }),
    async (request) => renameComponent(ctx, actorOf(request), parseInput(componentIdParams, request.params).id, parseInput(renameComponentRequest, request.body), requestMeta(request)),
  );

  // POST /v1/components/:id/retire — no new license or tier scope may use it; existing ones keep working.
  app.post(
    "/v1/components/:id/retire",
    routeOptions(policies["POST /v1/components/:id/retire"], { ...doc, summary: "Retire a component: no new license or tier scope uses it; existing ones keep working.", params: componentIdParams, body: retireRequest, response: getComponentResponse, problems: { ...noComponent, 409: "already-retired.", 422: "confirmKey is not the component's key." } }),
    async (request) => retireComponent(ctx, actorOf(request), parseInput(componentIdParams, request.params).id, parseInput(retireRequest, request.body).confirmKey, requestMeta(request)),
  );

  // PATCH /v1/scopes/:id — a scope's new description (its key stays).
  app.patch(
    "/v1/scopes/:id",
    routeOptions(policies["PATCH /v1/scopes/:id"], { ...doc, summary: "Rename a scope (its description; the key never changes).", params: scopeIdParams, body: renameScopeRequest, response: createScopeResponse, problems: noScope }),
    async (request) => renameScope(ctx, actorOf(request), parseInput(scopeIdParams, request.params).id, parseInput(renameScopeRequest, request.body), requestMeta(request)),
  );

  // POST /v1/scopes/:id/retire — no tier may newly grant it; tiers and tokens that carry it keep it.
  app.post(
    "/v1/scopes/:id/retire",
    routeOptions(policies["POST /v1/scopes/:id/retire"], { ...doc, summary: "Retire a scope: no tier newly grants it; those that carry it keep it.", params: scopeIdParams, body: retireRequest, response: createScopeResponse, problems: { ...noScope, 409: "already-retired.", 422: "confirmKey is not the scope's key." } }),
    async (request) => retireScope(ctx, actorOf(request), parseInput(scopeIdParams, request.params).id, parseInput(retireRequest, request.body).confirmKey, requestMeta(request)),
  );

  // POST /v1/components/:id/scopes — adds a scope "<component key>:<action>".
  app.post(
    "/v1/components/:id/scopes",
    routeOptions(policies["POST /v1/components/:id/scopes"], {
      ...doc,
      summary: "Add a scope to a component.",
      params: componentIdParams,
      body: createScopeRequest,
      status: 201,
      response: createScopeResponse,
      problems: { ...noComponent, 409: "The key is taken." },
    }),
    async (request, reply) => {
      const { id } = parseInput(componentIdParams, request.params);
      const input = parseInput(createScopeRequest, request.body);
      return reply.status(201).send(await createScope(ctx, actorOf(request), id, input, requestMeta(request)));
    },
  );

  // GET /v1/components/:id/resource-servers — the identities that introspect and validate for the component.
  app.get(
    "/v1/components/:id/resource-servers",
    routeOptions(policies["GET /v1/components/:id/resource-servers"], {
      ...doc,
      summary: "The certificate identities serving a component: they alone introspect its tokens and validate its licenses.",
      params: componentIdParams,
      response: listResourceServersResponse,
      problems: noComponent,
    }),
    async (request) => listResourceServers(ctx, parseInput(componentIdParams, request.params).id),
  );

  // POST /v1/components/:id/resource-servers — registers an identity as a resource server of the component.
  app.post(
    "/v1/components/:id/resource-servers",
    routeOptions(policies["POST /v1/components/:id/resource-servers"], {
      ...doc,
      summary: "Register a certificate identity as a resource server of a component (effective at once in every access process).",
      params: componentIdParams,
      body: addResourceServerRequest,
      status: 201,
      response: addResourceServerResponse,
      problems: { ...noComponent, 409: "The identity serves the component already (fieldErrors.identity)." },
    }),
    async (request, reply) => {
      const { id } = parseInput(componentIdParams, request.params);
      const input = parseInput(addResourceServerRequest, request.body);
      return reply.status(201).send(await addResourceServer(ctx, actorOf(request), id, input, requestMeta(request)));
    },
  );

  // DELETE /v1/components/:id/resource-servers/:identity — the identity stops serving the component.
  app.delete(
    "/v1/components/:id/resource-servers/:identity",
    routeOptions(policies["DELETE /v1/components/:id/resource-servers/:identity"], {
      ...doc,
      summary: "Remove a resource server from a component: its introspections and validations for it answer as for unknown tokens and keys.",
      params: resourceServerParams,
      status: 204,
      problems: { 404: "No such component, or the identity does not serve it." },
    }),
    async (request, reply) => {
      const { id, identity } = parseInput(resourceServerParams, request.params);
      await removeResourceServer(ctx, actorOf(request), id, identity, requestMeta(request));
      return reply.status(204).send();
    },
  );
}
