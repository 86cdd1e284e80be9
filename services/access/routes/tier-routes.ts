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
import { parseInput } from "../../common/http/parse";
import { assertPermission } from "../domain/actors/actor";
import type { AccessContext } from "../domain/context";
import { createTier } from "../domain/tiers/create-tier";
import { getTier, listTiers } from "../domain/tiers/list-tiers";
import { previewTierUpdate } from "../domain/tiers/preview-tier-update";
import { updateTier } from "../domain/tiers/update-tier";
import { requestMeta } from "./request-meta";
import { requireActor } from "./require-actor";

const doc = { tags: ["tiers"], callers: ["web"], bearer: true } as const;

export function tierRoutes(app: FastifyInstance, ctx: AccessContext) {
  // GET /v1/tiers — every tier with its scope keys and license count (tiers.read).
  app.get("/v1/tiers", { config: { openapi: { ...doc, summary: "List service tiers.", response: listTiersResponse } } }, async (request) => {
    return listTiers(ctx, await requireActor(ctx, request));
  });

  // GET /v1/tiers/:id — one tier (tiers.read).
  app.get(
    "/v1/tiers/:id",
    { config: { openapi: { ...doc, summary: "Get a service tier.", params: tierIdParams, response: getTierResponse, problems: { 404: "No such tier." } } } },
    async (request) => {
      const actor = await requireActor(ctx, request);
      return getTier(ctx, actor, parseInput(tierIdParams, request.params).id);
    },
  );

  // POST /v1/tiers — creates a tier (tiers.write).
  app.post(
    "/v1/tiers",
    { config: { openapi: { ...doc, summary: "Create a service tier.", body: createTierRequest, status: 201, response: createTierResponse, problems: { 409: "The key is taken." } } } },
    async (request, reply) => {
      const actor = await requireActor(ctx, request);
      assertPermission(actor, "tiers.write"); // before the body, so read-only roles learn nothing from validation
      const input = parseInput(createTierRequest, request.body);
      return reply.status(201).send(await createTier(ctx, actor, input, requestMeta(request)));
    },
  );

  // PATCH /v1/tiers/:id — saves an edit (tiers.write); licenses on the tier change with it at once.
  app.patch(
    "/v1/tiers/:id",
    {
      config: {
        openapi: {
          ...doc,
          summary: "Edit a service tier.",
          params: tierIdParams,
          body: updateTierRequest,
          response: updateTierResponse,
          problems: { 404: "No such tier.", 409: "The tier changed since expectedUpdatedAt (reason tier-changed)." },
        },
      },
    },
    async (request) => {
      const actor = await requireActor(ctx, request);
      assertPermission(actor, "tiers.write");
      const { id } = parseInput(tierIdParams, request.params);
      return updateTier(ctx, actor, id, parseInput(updateTierRequest, request.body), requestMeta(request));
    },
  );

  // POST /v1/tiers/:id/preview — what the same edit would change, and for which licenses; saves nothing.
  app.post(
    "/v1/tiers/:id/preview",
    {
      config: {
        openapi: {
          ...doc,
          summary: "Preview an edit to a service tier.",
          params: tierIdParams,
          body: updateTierRequest,
          response: tierPreviewResponse,
          problems: { 404: "No such tier.", 409: "The tier changed since expectedUpdatedAt (reason tier-changed)." },
        },
      },
    },
    async (request) => {
      const actor = await requireActor(ctx, request);
      assertPermission(actor, "tiers.write");
      const { id } = parseInput(tierIdParams, request.params);
      return previewTierUpdate(ctx, actor, id, parseInput(updateTierRequest, request.body));
    },
  );
}
