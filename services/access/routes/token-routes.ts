// Tokens of a license for the web tier acting for a person: list, create, read, rotate, revoke, revoke all,
// and usage over time (per token, per license).
import type { FastifyInstance } from "fastify";
import { accessPolicies as policies } from "../../../contracts/access-policies";
import { csvDocument, tokenExportQuery } from "../../../contracts/table-exports";
import { licenseIdParams } from "../../../contracts/license-api";
import {
  createTokenRequest,
  createTokenResponse,
  getTokenResponse,
  licenseTokenUsageResponse,
  listTokensQuery,
  listTokensResponse,
  revokeAllTokensResponse,
  revokeTokenRequest,
  rotateTokenRequest,
  tokenIdParams,
  tokenUsageQuery,
  tokenUsageResponse,
} from "../../../contracts/token-api";
import { AppError } from "../../common/http/app-error";
import { parseInput } from "../../common/http/parse";
import { routeOptions } from "../../common/http/policy";
import type { AccessContext } from "../domain/context";
import { createToken } from "../domain/tokens/create-token";
import { getToken } from "../domain/tokens/get-token";
import { getLicenseTokenUsage, getTokenUsage } from "../domain/tokens/get-token-usage";
import { exportTokens } from "../domain/tokens/export-tokens";
import { listTokens } from "../domain/tokens/list-tokens";
import { revokeAllTokens, revokeToken } from "../domain/tokens/revoke-token";
import { rotateToken } from "../domain/tokens/rotate-token";
import { requestMeta } from "./request-meta";
import { sendCsv } from "./send-csv";
import { exportAudit } from "../domain/documents/audited-export";
import { actorOf } from "./require-actor";

const web = { tags: ["tokens"] } as const;
const licenseMissing = { 404: "No such license (or another tenant's)." };
const tokenMissing = { 404: "No such token (or another tenant's)." };
const badRange = { 400: "range is not one of 24h, 7d, 30d (or an unknown query parameter)." };

/** The usage range; a malformed query is a bad request (400), not a field to correct in a form. */
function usageRange(query: unknown) {
  const parsed = tokenUsageQuery.safeParse(query ?? {});
  if (parsed.success) return parsed.data.range;
  throw new AppError("bad-request", "The range must be one of 24h, 7d or 30d.", { fieldErrors: { range: ["Use 24h, 7d or 30d."] } });
}

export function tokenRoutes(app: FastifyInstance, ctx: AccessContext) {
  // GET /v1/licenses/:id/tokens — the license's tokens table with the limits the create dialog needs.
  // GET /v1/licenses/:id/tokens/export — the license's tokens table (same search and status) as CSV, streamed.
  app.get(
    "/v1/licenses/:id/tokens/export",
    routeOptions(policies["GET /v1/licenses/:id/tokens/export"], { ...web, summary: "A license's tokens the table's search and status select, every page, as CSV (no token material).", params: licenseIdParams, query: tokenExportQuery, response: csvDocument, responseContentType: "text/csv", problems: licenseMissing }),
    async (request, reply) => {
      const actor = actorOf(request);
      const { id } = parseInput(licenseIdParams, request.params);
      const query = parseInput(tokenExportQuery, request.query);
      const { chunks, tenantId } = await exportTokens(ctx, actor, id, query);
      const subject = { action: "token.export", table: "license-tokens", format: "csv", filters: query, target: { type: "license", id }, tenantId } as const;
      return sendCsv(reply, ctx, "tokens", chunks, exportAudit(ctx, actor, requestMeta(request), subject));
    },
  );

  app.get(
    "/v1/licenses/:id/tokens",
    routeOptions(policies["GET /v1/licenses/:id/tokens"], { ...web, summary: "List a license's tokens (keyset pages).", params: licenseIdParams, query: listTokensQuery, response: listTokensResponse, problems: licenseMissing }),
    async (request) => {
      const actor = actorOf(request);
      const { id } = parseInput(licenseIdParams, request.params);
      return listTokens(ctx, actor, id, parseInput(listTokensQuery, request.query));
    },
  );

  // POST /v1/licenses/:id/tokens — create a token; the secret is in this answer only.
  app.post(
    "/v1/licenses/:id/tokens",
    routeOptions(policies["POST /v1/licenses/:id/tokens"], {
      ...web,
      summary: "Create a token (the secret is shown once).",
      params: licenseIdParams,
      body: createTokenRequest,
      status: 201,
      response: createTokenResponse,
      problems: { ...licenseMissing, 409: "license-not-active, or token-limit (the tier's live-token cap)." },
    }),
    async (request, reply) => {
      const actor = actorOf(request);
      const { id } = parseInput(licenseIdParams, request.params);
      return reply.status(201).send(await createToken(ctx, actor, id, parseInput(createTokenRequest, request.body), requestMeta(request)));
    },
  );

  // POST /v1/licenses/:id/tokens/revoke-all — revoke every live token of the license.
  app.post(
    "/v1/licenses/:id/tokens/revoke-all",
    routeOptions(policies["POST /v1/licenses/:id/tokens/revoke-all"], { ...web, summary: "Revoke every live token of a license.", params: licenseIdParams, response: revokeAllTokensResponse, problems: licenseMissing }),
    async (request) => {
      const actor = actorOf(request);
      const { id } = parseInput(licenseIdParams, request.params);
      return revokeAllTokens(ctx, actor, id, requestMeta(request));
    },
  );

  // GET /v1/tokens/:id — one token (a revoked one says who revoked it and when).
  app.get("/v1/tokens/:id", routeOptions(policies["GET /v1/tokens/:id"], { ...web, summary: "One token.", params: tokenIdParams, response: getTokenResponse, problems: tokenMissing }), async (request) => {
    const actor = actorOf(request);
    return getToken(ctx, actor, parseInput(tokenIdParams, request.params).id);
  });

  // POST /v1/tokens/:id/rotate — a new token; the old one keeps working for the grace period.
  app.post(
    "/v1/tokens/:id/rotate",
    routeOptions(policies["POST /v1/tokens/:id/rotate"], { ...web, summary: "Rotate a token (the new secret is shown once).", params: tokenIdParams, body: rotateTokenRequest, status: 201, response: createTokenResponse, problems: { ...tokenMissing, 409: "token-not-active, license-not-active or token-limit." } }),
    async (request, reply) => {
      const actor = actorOf(request);
      const { id } = parseInput(tokenIdParams, request.params);
      const input = parseInput(rotateTokenRequest, request.body === undefined ? {} : request.body);
      return reply.status(201).send(await rotateToken(ctx, actor, id, input, requestMeta(request)));
    },
  );

  // POST /v1/tokens/:id/revoke — revoke one token.
  app.post(
    "/v1/tokens/:id/revoke",
    routeOptions(policies["POST /v1/tokens/:id/revoke"], { ...web, summary: "Revoke a token (optionally saying why: leaked).", params: tokenIdParams, body: revokeTokenRequest, response: getTokenResponse, problems: { ...tokenMissing, 409: "already-revoked." } }),
    async (request) => {
      const actor = actorOf(request);
      const { reason } = parseInput(revokeTokenRequest, request.body === undefined ? {} : request.body);
      return revokeToken(ctx, actor, parseInput(tokenIdParams, request.params).id, requestMeta(request), reason);
    },
  );

  // GET /v1/tokens/:id/usage?range=24h|7d|30d — the token's uses and refusals in every bucket of the range.
  app.get(
    "/v1/tokens/:id/usage",
    routeOptions(policies["GET /v1/tokens/:id/usage"], { ...web, summary: "A token's introspections over time (zero-filled buckets).", params: tokenIdParams, query: tokenUsageQuery, response: tokenUsageResponse, problems: { ...badRange, ...tokenMissing } }),
    async (request) => {
      const actor = actorOf(request);
      const { id } = parseInput(tokenIdParams, request.params);
      return getTokenUsage(ctx, actor, id, usageRange(request.query));
    },
  );

  // GET /v1/licenses/:id/token-usage?range=24h|7d|30d — the sum over the license's tokens, and its busiest tokens.
  app.get(
    "/v1/licenses/:id/token-usage",
    routeOptions(policies["GET /v1/licenses/:id/token-usage"], { ...web, summary: "A license's token introspections over time, and its busiest tokens.", params: licenseIdParams, query: tokenUsageQuery, response: licenseTokenUsageResponse, problems: { ...badRange, ...licenseMissing } }),
    async (request) => {
      const actor = actorOf(request);
      const { id } = parseInput(licenseIdParams, request.params);
      return getLicenseTokenUsage(ctx, actor, id, usageRange(request.query));
    },
  );
}
