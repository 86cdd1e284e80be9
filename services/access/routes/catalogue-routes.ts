// The catalogue of components, their scopes and their resource servers: everyone but district reviewers
// reads it, platform administrators add to it (contracts/access-policies.ts says who, before input is read).
import type { FastifyInstance } from "fastify";
import type { z } from "zod";
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
import type { Actor } from "../domain/actors/actor";
import type { AccessContext, RequestMeta } from "../domain/context";
import { requestMeta } from "./request-meta";
import { actorOf } from "./require-actor";

const doc = { tags: ["catalogue"] } as const;
const noComponent = { 404: "No such component." };

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
  // POST /v1/components/:id/retire — no new license or tier scope may use it; existing ones keep working.
  renameAndRetireRoutes(app, ctx, {
    path: "/v1/components/:id",
    noun: "component",
    params: componentIdParams,
    renameBody: renameComponentRequest,
    response: getComponentResponse,
    renameSummary: "Rename a component (name and description; the key never changes).",
    retireSummary: "Retire a component: no new license or tier scope uses it; existing ones keep working.",
    rename: renameComponent,
    retire: retireComponent,
  });

  // PATCH /v1/scopes/:id — a scope's new description (its key stays).
  // POST /v1/scopes/:id/retire — no tier may newly grant it; tiers and tokens that carry it keep it.
  renameAndRetireRoutes(app, ctx, {
    path: "/v1/scopes/:id",
    noun: "scope",
    params: scopeIdParams,
    renameBody: renameScopeRequest,
    response: createScopeResponse,
    renameSummary: "Rename a scope (its description; the key never changes).",
    retireSummary: "Retire a scope: no tier newly grants it; those that carry it keep it.",
    rename: renameScope,
    retire: retireScope,
  });

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

/** What tells a component's rename and retire routes from a scope's: the rest is the same. */
type CatalogueEntryRoutes<B extends z.ZodType> = {
  path: "/v1/components/:id" | "/v1/scopes/:id";
  noun: "component" | "scope";
  params: z.ZodType<{ id: string }>;
  renameBody: B;
  response: z.ZodType;
  renameSummary: string;
  retireSummary: string;
  rename: (ctx: AccessContext, actor: Actor, id: string, input: z.infer<B>, meta: RequestMeta) => Promise<unknown>;
  retire: (ctx: AccessContext, actor: Actor, id: string, confirmKey: string, meta: RequestMeta) => Promise<unknown>;
};

/** PATCH <path> (rename) and POST <path>/retire (typed key as confirmation) for one kind of catalogue entry. */
function renameAndRetireRoutes<B extends z.ZodType>(app: FastifyInstance, ctx: AccessContext, entry: CatalogueEntryRoutes<B>) {
  const { path, noun, params, renameBody, response } = entry;
  const notFound = { 404: `No such ${noun}.` };
  app.patch(
    path,
    routeOptions(policies[`PATCH ${path}`], { ...doc, summary: entry.renameSummary, params, body: renameBody, response, problems: notFound }),
    async (request) => entry.rename(ctx, actorOf(request), parseInput(params, request.params).id, parseInput(renameBody, request.body), requestMeta(request)),
  );
  app.post(
    `${path}/retire`,
    routeOptions(policies[`POST ${path}/retire`], { ...doc, summary: entry.retireSummary, params, body: retireRequest, response, problems: { ...notFound, 409: "already-retired.", 422: `confirmKey is not the ${noun}'s key.` } }),
    async (request) => entry.retire(ctx, actorOf(request), parseInput(params, request.params).id, parseInput(retireRequest, request.body).confirmKey, requestMeta(request)),
  );
}
