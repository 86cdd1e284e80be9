// Turns every error into RFC 9457 problem+json: an AppError's sentence as `detail` (its internal detail to
// the log), Fastify's own client errors as sentences of ours, anything unknown as a bare 500.
import type { Socket } from "node:net";
import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import { problemContentType, problemTitle, type Problem } from "../../../contracts/problem";
import { AppError } from "./app-error";
import { reportError } from "../../../observability/error-reports.mjs";

export function sendProblem(reply: FastifyReply, request: FastifyRequest, status: number, code: string, detail: string, extra: Partial<Problem> = {}) {
  const body: Problem = {
    type: `urn:tessera:problem:${code}`,
    title: problemTitle(status),
    status,
    code,
    detail,
    requestId: String(request.id),
    ...extra,
  };
  if (extra.retryAfterSeconds !== undefined) reply.header("retry-after", String(extra.retryAfterSeconds));
  return reply.status(status).type(problemContentType).send(body);
}

/** Fastify's client errors (framework codes), worded for people; their own message goes to the log. */
const frameworkSentences: Record<string, string> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: "Send the body as JSON (content-type: application/json).",
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: "The request's content-length does not match its body.",
  FST_ERR_CTP_EMPTY_JSON_BODY: "The body is empty although it is declared as JSON; send a JSON object, or no content-type.",
  FST_ERR_CTP_INVALID_JSON_BODY: "The request body is not valid JSON.",
  FST_ERR_CTP_BODY_TOO_LARGE: "The request body is too large.",
  FST_ERR_CTP_EMPTY_TYPE: "The request's content-type is empty.",
  FST_ERR_CTP_INVALID_TYPE: "The request's content-type is not valid.",
  FST_ERR_BAD_URL: "The address is not valid: a percent-escape in it is malformed.",
  FST_ERR_ASYNC_CONSTRAINT: "The request could not be routed.",
};

/** A Fastify or Node client error as [status, sentence], or null when it is not the client's fault. */
export function clientErrorOf(error: FastifyError | Error): { status: number; detail: string } | null {
  const status = (error as FastifyError).statusCode;
  if (!status || status < 400 || status >= 500) return null;
  const code = (error as FastifyError).code ?? "";
  const detail = frameworkSentences[code] ?? (error instanceof SyntaxError ? frameworkSentences.FST_ERR_CTP_INVALID_JSON_BODY : status === 429 ? "Too many requests; slow down." : "The request could not be read.");
  return { status, detail };
}

export function errorHandler(error: FastifyError | AppError | Error, request: FastifyRequest, reply: FastifyReply) {
  if (error instanceof AppError) {
    const { internal, ...extra } = error.extra;
    if (error.status >= 500) request.log.error({ problem: { code: error.code, reason: extra.reason, internal } }, "request failed");
    else request.log.info({ problem: { code: error.code, reason: extra.reason, internal } }, "request refused");
    return sendProblem(reply, request, error.status, error.code, error.detail, extra);
  }
  const client = clientErrorOf(error);
  if (client) {
    request.log.info({ problem: { code: (error as FastifyError).code, internal: error.message } }, "request refused");
    return sendProblem(reply, request, client.status, client.status === 429 ? "too-many-requests" : "bad-request", client.detail);
  }
  request.log.error({ err: error }, "unhandled error");
  reportError(error, { requestId: request.id, method: request.method, url: request.url, headers: request.headers });
  return sendProblem(reply, request, 500, "internal", "Something went wrong. Quote the request id when reporting it.");
}

export function notFoundHandler(request: FastifyRequest, reply: FastifyReply) {
  return sendProblem(reply, request, 404, "not-found", `No route ${request.method} ${request.url.split("?")[0].slice(0, 200)}.`);
}

/**
 * Requests Node's HTTP parser rejects before Fastify sees them (a method it does not know, a malformed
 * header): answered as a problem too, then the connection closes (the parser cannot go on).
 */
export function clientErrorHandler(error: Error & { code?: string }, socket: Socket): void {
  if (!socket.writable) return void socket.destroy();
  const status = error.code === "HPE_HEADER_OVERFLOW" ? 431 : 400;
  const body = JSON.stringify({
    type: "urn:tessera:problem:bad-request",
    title: problemTitle(status),
    status,
    code: "bad-request",
    detail: "The request is not valid HTTP (an unknown method or a malformed header).",
  } satisfies Problem);
  socket.end(`HTTP/1.1 ${status} ${problemTitle(status)}\r\ncontent-type: ${problemContentType}\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`);
}
