// Seats as activations: internal components activate, heartbeat and release a seat of a license they
// serve (license key or token, and a fingerprint); the web tier lists a license's activations and
// releases one for a person.
import type { FastifyInstance } from "fastify";
import { accessPolicies as policies } from "../../../contracts/access-policies";
import { activateRequest, activateResponse, activationParams, activationRequest, listActivationsQuery, listActivationsResponse, releaseActivationResponse } from "../../../contracts/activation-api";
import { licenseIdParams } from "../../../contracts/license-api";
import { parseInput } from "../../common/http/parse";
import { routeOptions, verifiedCaller } from "../../common/http/policy";
import type { RepeatSuppressorOptions } from "../../common/http/repeat-suppressor";
import { activateSeat } from "../domain/activations/activate-seat";
import { createActivationRefusalAudit } from "../domain/activations/activation-refusal-audit";
import { heartbeatActivation } from "../domain/activations/heartbeat-activation";
import { listActivations } from "../domain/activations/list-activations";
import { releaseActivationByComponent, releaseActivationByPerson } from "../domain/activations/release-activation";
import type { AccessContext } from "../domain/context";
import { requestMeta } from "./request-meta";
import { actorOf } from "./require-actor";

const tags = ["activations"];
const unknownKey = "No license for this key or token among those the caller serves (reason unknown-key).";

export function activationRoutes(app: FastifyInstance, ctx: AccessContext, suppression: RepeatSuppressorOptions = {}) {
  const refusals = createActivationRefusalAudit(suppression);

  // POST /v1/activations — a component takes a seat for a fingerprint (or refreshes the one it holds).
  app.post(
    "/v1/activations",
    routeOptions(policies["POST /v1/activations"], {
      tags,
      summary: "Activate a seat of a license for a fingerprint (201 new, 200 already held: refreshed).",
      body: activateRequest,
      status: 201,
      response: activateResponse,
      problems: { 404: unknownKey, 409: "seats-exhausted, or the license's state: revoked, suspended, expired, not-yet-valid." },
    }),
    async (request, reply) => {
      const { created, body } = await activateSeat(ctx, refusals, verifiedCaller(request), parseInput(activateRequest, request.body), requestMeta(request));
      return reply.status(created ? 201 : 200).send(body);
    },
  );

  // POST /v1/activations/heartbeat — the seat is still in use: last seen becomes now.
  app.post(
    "/v1/activations/heartbeat",
    routeOptions(policies["POST /v1/activations/heartbeat"], {
      tags,
      summary: "Keep an activation's seat (within the tier's heartbeat window).",
      body: activationRequest,
      response: activateResponse,
      problems: { 404: `${unknownKey} Or not-activated: the fingerprint holds no seat (never activated, released, or idle beyond the window).` },
    }),
    async (request) => heartbeatActivation(ctx, verifiedCaller(request), parseInput(activationRequest, request.body)),
  );

  // POST /v1/activations/release — the component gives the seat back.
  app.post(
    "/v1/activations/release",
    routeOptions(policies["POST /v1/activations/release"], {
      tags,
      summary: "Release an activation's seat.",
      body: activationRequest,
      response: releaseActivationResponse,
      problems: { 404: `${unknownKey} Or not-activated.` },
    }),
    async (request) => releaseActivationByComponent(ctx, verifiedCaller(request), parseInput(activationRequest, request.body), requestMeta(request)),
  );

  // GET /v1/licenses/:id/activations — the license page's activations.
  app.get(
    "/v1/licenses/:id/activations",
    routeOptions(policies["GET /v1/licenses/:id/activations"], { tags, summary: "A license's activations (keyset pages) and seats in use.", params: licenseIdParams, query: listActivationsQuery, response: listActivationsResponse, problems: { 404: "No such license (or another tenant's)." } }),
    async (request) => listActivations(ctx, actorOf(request), parseInput(licenseIdParams, request.params).id, parseInput(listActivationsQuery, request.query)),
  );

  // POST /v1/licenses/:id/activations/:activationId/release — a person frees a seat.
  app.post(
    "/v1/licenses/:id/activations/:activationId/release",
    routeOptions(policies["POST /v1/licenses/:id/activations/:activationId/release"], { tags, summary: "Release one activation of a license.", params: activationParams, response: releaseActivationResponse, problems: { 404: "No such activation (already released, or another tenant's)." } }),
    async (request) => {
      const { id, activationId } = parseInput(activationParams, request.params);
      return releaseActivationByPerson(ctx, actorOf(request), id, activationId, requestMeta(request));
    },
  );
}
