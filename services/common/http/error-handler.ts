// Turns every error into RFC 9457 problem+json: known codes as they are, anything unknown as a bare 500.
import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import { problemContentType, type Problem } from "../../../contracts/problem";
import { AppError } from "./app-error";

const titles: Record<number, string> = {
  400: "Bad request", 401: "Not signed in", 403: "Forbidden", 404: "Not found", 405: "Method not allowed",
  409: "Conflict", 410: "Gone", 413: "Payload too large", 415: "Unsupported media type", 422: "Invalid fields",
  429: "Too many requests", 500: "Internal error", 503: "Unavailable",
};

export function sendProblem(reply: FastifyReply, request: FastifyRequest, status: number, code: string, detail: string, extra: Partial<Problem> = {}) {
  const body: Problem = {
    type: `urn:tessera:problem:${code}`,
    title: titles[status] ?? "Error",
    status,
    code,
    detail,
    requestId: String(request.id),
    ...extra,
  };
  if (extra.retryAfterSeconds !== undefined) reply.header("retry-after", String(extra.retryAfterSeconds));
  return reply.status(status).type(problemContentType).send(body);
}

export function errorHandler(error: FastifyError | AppError | Error, request: FastifyRequest, reply: FastifyReply) {
  if (error instanceof AppError) {
    return sendProblem(reply, request, error.status, error.code, error.detail, error.extra);
  }
  const status = (error as FastifyError).statusCode;
  // Fastify's own client errors (bad JSON, wrong content type, body too large) carry safe messages.
  if (status && status >= 400 && status < 500) {
    return sendProblem(reply, request, status, status === 429 ? "too-many-requests" : "bad-request", error.message);
  }
  request.log.error({ err: error }, "unhandled error");
  return sendProblem(reply, request, 500, "internal", "Something went wrong. Quote the request id when reporting it.");
}

export function notFoundHandler(request: FastifyRequest, reply: FastifyReply) {
  return sendProblem(reply, request, 404, "not-found", `No route ${request.method} ${request.url.split("?")[0]}.`);
}
