// The catalogue of components and their scopes: everyone but district reviewers reads it, platform
// administrators add to it.
import type { FastifyInstance } from "fastify";
import {
  componentIdParams,
  createComponentRequest,
  createComponentResponse,
  createScopeRequest,
  createScopeResponse,
  listComponentsResponse,
} from "../../../contracts/catalogue-api";
import { parseInput } from "../../common/http/parse";
import { createComponent } from "../domain/catalogue/create-component";
import { createScope } from "../domain/catalogue/create-scope";
import { listComponents } from "../domain/catalogue/list-components";
import { assertPermission } from "../domain/actors/actor";
import type { AccessContext } from "../domain/context";
import { requestMeta } from "./request-meta";
import { requireActor } from "./require-actor";

const doc = { tags: ["catalogue"], callers: ["web"], bearer: true } as const;

export function catalogueRoutes(app: FastifyInstance, ctx: AccessContext) {
  // GET /v1/components — every component with its scopes (catalog.read).
  app.get("/v1/components", { config: { openapi: { ...doc, summary: "List components with their scopes.", response: listComponentsResponse } } }, async (request) => {
    return listComponents(ctx, await requireActor(ctx, request));
  });

  // POST /v1/components — adds a component (catalog.write); 409 when the key exists.
  app.post(
    "/v1/components",
    { config: { openapi: { ...doc, summary: "Add a component.", body: createComponentRequest, status: 201, response: createComponentResponse, problems: { 409: "The key is taken." } } } },
    async (request, reply) => {
      const actor = await requireActor(ctx, request);
      assertPermission(actor, "catalog.write"); // before the body, so read-only roles learn nothing from validation
      const input = parseInput(createComponentRequest, request.body);
      return reply.status(201).send(await createComponent(ctx, actor, input, requestMeta(request)));
    },
  );

  // POST /v1/components/:id/scopes — adds a scope "<component key>:<action>" (catalog.write).
  app.post(
    "/v1/components/:id/scopes",
    {
      config: {
        openapi: {
          ...doc,
          summary: "Add a scope to a component.",
          params: componentIdParams,
          body: createScopeRequest,
          status: 201,
          response: createScopeResponse,
          problems: { 404: "No such component.", 409: "The key is taken." },
        },
      },
    },
    async (request, reply) => {
      const actor = await requireActor(ctx, request);
      assertPermission(actor, "catalog.write");
      const { id } = parseInput(componentIdParams, request.params);
      const input = parseInput(createScopeRequest, request.body);
      return reply.status(201).send(await createScope(ctx, actor, id, input, requestMeta(request)));
    },
  );
}
