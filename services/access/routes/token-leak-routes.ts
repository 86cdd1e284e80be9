// Tokens across licenses and leaked tokens: the Tokens area's list, a platform administrator's lookup of a
// pasted token, secret scanners' keys, and a scanner's signed report forwarded by the web tier.
import type { FastifyInstance } from "fastify";
import { accessPolicies as policies } from "../../../contracts/access-policies";
import { allTokensExportQuery, csvDocument } from "../../../contracts/table-exports";
import { listAllTokensQuery, listAllTokensResponse } from "../../../contracts/token-api";
import {
  forwardedLeakReport,
  leakReportResponse,
  listSecretScannerKeysResponse,
  lookupTokenRequest,
  lookupTokenResponse,
  registerSecretScannerKeyRequest,
  secretScannerKeyParams,
  secretScannerKeyResponse,
} from "../../../contracts/token-leak-api";
import { parseInput } from "../../common/http/parse";
import type { RepeatSuppressorOptions } from "../../common/http/repeat-suppressor";
import { routeOptions } from "../../common/http/policy";
import type { AccessContext } from "../domain/context";
import { createLeakRefusalAudit } from "../domain/token-leaks/leak-refusal-audit";
import { receiveLeakReport } from "../domain/token-leaks/leak-report";
import { listScannerKeys, registerScannerKey, retireScannerKey } from "../domain/token-leaks/scanner-keys";
import { exportAllTokens } from "../domain/tokens/export-all-tokens";
import { listAllTokens } from "../domain/tokens/list-all-tokens";
import { lookupToken } from "../domain/tokens/lookup-token";
import { requestMeta } from "./request-meta";
import { actorOf } from "./require-actor";
import { sendCsv } from "./send-csv";
import { exportAudit } from "../domain/documents/audited-export";

const tags = { tags: ["tokens"] } as const;

export function tokenLeakRoutes(app: FastifyInstance, ctx: AccessContext, suppression: RepeatSuppressorOptions = {}) {
  const leakRefusals = createLeakRefusalAudit(suppression);

  // GET /v1/tokens — every token the person may see (their tenant's; a platform administrator's: all).
  app.get(
    "/v1/tokens",
    routeOptions(policies["GET /v1/tokens"], { ...tags, summary: "Every token the person may see, across licenses (keyset pages).", query: listAllTokensQuery, response: listAllTokensResponse }),
    async (request) => listAllTokens(ctx, actorOf(request), parseInput(listAllTokensQuery, request.query)),
  );

  // GET /v1/tokens/export — the Tokens area's selection (same search and filters), every page, as CSV, streamed.
  app.get(
    "/v1/tokens/export",
    routeOptions(policies["GET /v1/tokens/export"], {
      ...tags,
      summary: "Every token the Tokens area's search and filters select, every page, as CSV (no token material).",
      query: allTokensExportQuery,
      response: csvDocument,
      responseContentType: "text/csv",
    }),
    async (request, reply) => {
      const actor = actorOf(request);
      const query = parseInput(allTokensExportQuery, request.query);
      return sendCsv(reply, ctx, "tokens", exportAllTokens(ctx, actor, query), exportAudit(ctx, actor, requestMeta(request), { action: "token.export", table: "tokens", format: "csv", filters: query }));
    },
  );

  // POST /v1/tokens/lookup — a pasted token (checksum, then digest) or display prefix; in the body, never the address.
  app.post(
    "/v1/tokens/lookup",
    routeOptions(policies["POST /v1/tokens/lookup"], {
      ...tags,
      summary: "Find a leaked token by its text or display prefix.",
      body: lookupTokenRequest,
      response: lookupTokenResponse,
      problems: { 404: "No token has this value.", 422: "Neither a whole token nor a prefix, or its checksum does not match." },
    }),
    async (request) => lookupToken(ctx, actorOf(request), request.body, requestMeta(request)),
  );

  app.get(
    "/v1/secret-scanner-keys",
    routeOptions(policies["GET /v1/secret-scanner-keys"], { ...tags, summary: "Secret scanners' registered signing keys.", response: listSecretScannerKeysResponse }),
    async () => listScannerKeys(ctx),
  );

  app.post(
    "/v1/secret-scanner-keys",
    routeOptions(policies["POST /v1/secret-scanner-keys"], {
      ...tags,
      summary: "Register a secret scanner's ECDSA P-256 public key.",
      body: registerSecretScannerKeyRequest,
      status: 201,
      response: secretScannerKeyResponse,
      problems: { 409: "key-identifier-taken.", 422: "Not a P-256 public key in PEM." },
    }),
    async (request, reply) => reply.status(201).send(await registerScannerKey(ctx, actorOf(request), parseInput(registerSecretScannerKeyRequest, request.body), requestMeta(request))),
  );

  app.post(
    "/v1/secret-scanner-keys/:id/retire",
    routeOptions(policies["POST /v1/secret-scanner-keys/:id/retire"], { ...tags, summary: "Retire a secret scanner's key (its reports are refused from now on).", params: secretScannerKeyParams, response: secretScannerKeyResponse, problems: { 404: "No such key.", 409: "already-retired." } }),
    async (request) => retireScannerKey(ctx, actorOf(request), parseInput(secretScannerKeyParams, request.params).id, requestMeta(request)),
  );

  // POST /v1/token-leaks — a scanner's report as the public host received it (raw bytes and signature headers).
  app.post(
    "/v1/token-leaks",
    routeOptions(policies["POST /v1/token-leaks"], {
      ...tags,
      summary: "A secret scanner's signed report of found tokens: live ones are revoked, each is labelled.",
      body: forwardedLeakReport,
      response: leakReportResponse,
      problems: { 400: "malformed-report or batch-too-large.", 401: "unknown-key or bad-signature." },
    }),
    async (request) => receiveLeakReport(ctx, leakRefusals, parseInput(forwardedLeakReport, request.body), requestMeta(request)),
  );
}
