// Service tiers: scopes and quotas, with a preview of what an edit changes for whom before it is saved.
import type { FastifyInstance } from "fastify";
import {
  createTierRequest,
  createTierResponse,
  getTierResponse,
  listTiersResponse,
  tierIdParams,
  tierPreviewResponse,
  updateTierRequest,
  updateTierResponse,
} from "../../../contracts/catalogue-api";
import { accessPolicies as policies } from "../../../contracts/access-policies";
import { parseInput } from "../../common/http/parse";
import { routeOptions } from "../../common/http/policy";
import type { AccessContext } from "../domain/context";
import { createTier } from "../domain/tiers/create-tier";
import { getTier, listTiers } from "../domain/tiers/list-tiers";
import { previewTierUpdate } from "../domain/tiers/preview-tier-update";
import { updateTier } from "../domain/tiers/update-tier";
import { requestMeta } from "./request-meta";
import { actorOf } from "./require-actor";

const doc = { tags: ["tiers"] } as const;

export function tierRoutes(app: FastifyInstance, ctx: AccessContext) {
  // GET /v1/tiers — every tier with its scope keys and license count.
  app.get("/v1/tiers", routeOptions(policies["GET /v1/tiers"], { ...doc, summary: "List service tiers.", response: listTiersResponse }), async (request) => listTiers(ctx, actorOf(request)));

  // GET /v1/tiers/:id — one tier.
  app.get(
    "/v1/tiers/:id",
    routeOptions(policies["GET /v1/tiers/:id"], { ...doc, summary: "Get a service tier.", params: tierIdParams, response: getTierResponse, problems: { 404: "No such tier." } }),
    async (request) => {
      const actor = actorOf(request);
      return getTier(ctx, actor, parseInput(tierIdParams, request.params).id);
    },
  );

  // POST /v1/tiers — creates a tier.
  app.post(
    "/v1/tiers",
    routeOptions(policies["POST /v1/tiers"], { ...doc, summary: "Create a service tier.", body: createTierRequest, status: 201, response: createTierResponse, problems: { 409: "The key is taken." } }),
    async (request, reply) => {
      const actor = actorOf(request);
      const input = parseInput(createTierRequest, request.body);
      return reply.status(201).send(await createTier(ctx, actor, input, requestMeta(request)));
    },
  );

  // PATCH /v1/tiers/:id — saves an edit; licenses on the tier change with it at once.
  app.patch(
    "/v1/tiers/:id",
    routeOptions(policies["PATCH /v1/tiers/:id"], {
      ...doc,
      summary: "Edit a service tier.",
      params: tierIdParams,
      body: updateTierRequest,
      response: updateTierResponse,
      problems: { 404: "No such tier.", 409: "The tier changed since expectedUpdatedAt (reason tier-changed), or the edit would leave active licenses with no scope, or over the seats or live tokens it allows (reason tier-change-blocked; the preview lists them)." },
    }),
    async (request) => {
      const actor = actorOf(request);
      const { id } = parseInput(tierIdParams, request.params);
      return updateTier(ctx, actor, id, parseInput(updateTierRequest, request.body), requestMeta(request));
    },
  );

  // POST /v1/tiers/:id/preview — what the same edit would change, and for which licenses; saves nothing.
  app.post(
    "/v1/tiers/:id/preview",
    routeOptions(policies["POST /v1/tiers/:id/preview"], {
      ...doc,
      summary: "Preview an edit to a service tier.",
      params: tierIdParams,
      body: updateTierRequest,
      response: tierPreviewResponse,
      problems: { 404: "No such tier.", 409: "The tier changed since expectedUpdatedAt (reason tier-changed)." },
    }),
    async (request) => {
      const actor = actorOf(request);
      const { id } = parseInput(tierIdParams, request.params);
      return previewTierUpdate(ctx, actor, id, parseInput(updateTierRequest, request.body));
    },
  );
}
