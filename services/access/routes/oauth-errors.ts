// The OAuth endpoints' wire rules for requests and refusals: the form parser (RFC 6749 §3.2: no parameter
// twice) and the error handler that answers every refusal as RFC 6749 §5.2 JSON ({error, error_description},
// application/json, cache-control: no-store) instead of problem+json, as OAuth client libraries expect.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { oauthErrorResponse, type OAuthErrorCode } from "../../../contracts/oauth-api";
import { AppError } from "../../common/http/app-error";
import { clientErrorOf } from "../../common/http/error-handler";
import { OAuthError } from "../domain/oauth/oauth-error";

/** The largest form body an OAuth request needs (a token is at most 4 KiB). */
const formBodyLimit = 16_384;

/** Parses application/x-www-form-urlencoded bodies for the routes of `app` (an encapsulated context). */
export function addOAuthFormParser(app: FastifyInstance): void {
  app.addContentTypeParser("application/x-www-form-urlencoded", { parseAs: "string", bodyLimit: formBodyLimit }, (_request, body, done) => {
    const fields: Record<string, string> = {};
    for (const [key, value] of new URLSearchParams(String(body))) {
      if (Object.hasOwn(fields, key)) return done(new OAuthError("invalid_request", `The parameter ${key.slice(0, 50)} is given more than once.`), undefined);
      fields[key] = value;
    }
    done(null, fields);
  });
}

/** How an endpoint answers a caller whose identity it does not admit (decided per RFC; see oauth-routes.ts). */
export type RefusedCallerAnswer = { status: 400 | 401; error: OAuthErrorCode };

/**
 * RFC 6749 §5.2 allows only printable ASCII without `"` and `\` in error_description; a sentence (which
 * may quote what the client sent) is kept readable within that.
 */
export function toErrorDescription(sentence: string): string {
  return sentence.replace(/["\\]/g, "'").replace(/[^\x20-\x7e]/g, "?").slice(0, 500);
}

export function sendOAuthError(reply: FastifyReply, status: number, error: OAuthErrorCode, sentence: string) {
  const body = oauthErrorResponse.parse({ error, error_description: toErrorDescription(sentence) });
  return reply.status(status).header("cache-control", "no-store").header("pragma", "no-cache").type("application/json").send(body);
}

/** "token: This field is required." — field messages of a validation problem as one description. */
function describeFields(error: AppError): string {
  const fields = Object.entries(error.extra.fieldErrors ?? {});
  if (!fields.length) return error.detail;
  return fields.map(([field, messages]) => `${field === "_" ? "request" : field}: ${messages[0]}`).join(" ");
}

/**
 * The error handler of the OAuth endpoints' context, for the routes named in `refusedCallerByRoute` (others,
 * like the metadata, keep problem+json): OAuthErrors as they are; a refused caller as that route says;
 * malformed requests (missing or invalid parameters, NUL characters, a duplicate parameter, a content type
 * other than form or JSON, a body that does not parse) as 400 invalid_request. Anything else is not the
 * client's doing and goes to the central handler (a 500 problem, no internals).
 */
export function oauthErrorHandler(refusedCallerByRoute: Readonly<Record<string, RefusedCallerAnswer>>) {
  return function handleOAuthError(error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply) {
    const refusedCaller = refusedCallerByRoute[request.routeOptions.url ?? ""];
    if (!refusedCaller) throw error;
    if (error instanceof OAuthError) return sendOAuthError(reply.headers(error.headers), error.status, error.code, error.description);
    if (error instanceof AppError) {
      if (error.code === "forbidden" || error.code === "unauthenticated") return sendOAuthError(reply, refusedCaller.status, refusedCaller.error, error.detail);
      if (error.code === "bad-request" || error.code === "validation-failed" || error.code === "not-found") return sendOAuthError(reply, 400, "invalid_request", describeFields(error));
      throw error;
    }
    const client = clientErrorOf(error);
    if (client && client.status !== 429) {
      request.log.info({ problem: { code: (error as FastifyError).code, internal: error.message } }, "OAuth request refused");
      return sendOAuthError(reply, 400, "invalid_request", client.detail);
    }
    throw error; // the central handler: problem+json, no internals
  };
}
