import "server-only";
// The one wrapper for the web tier's own /api routes: authenticates the person by their session,
// parses input with the contracts' zod schemas, and answers every failure as a JSON problem with the
// access service's status — never a stack trace or an unknown error's message.
import { NextResponse } from "next/server";
import { z } from "zod";
import { fieldErrorsOf, humanIssueMessage, invalidFieldsSentence, nulFieldErrors, type FieldErrors } from "@/contracts/field-messages";
import { malformedPathProblem, problemContentType, problemTitle, type Problem } from "@/contracts/problem";
import { incomingContext } from "./access-client";
import { isAccessProblem } from "./access-problem";
import { getSessionBearer } from "./session";
import { webLog } from "@/lib/server/log";
import { reportError } from "@/observability/error-reports.mjs";

type Params = Record<string, string | string[] | undefined>;
type RouteArgs<P extends Params> = { request: Request; bearer: string; params: P };
type Handler<P extends Params> = (args: RouteArgs<P>) => Promise<unknown>;

/** Thrown by the read* helpers: becomes a problem with this status, sentence (and field messages). */
class InputProblem extends Error {
  constructor(readonly status: number, readonly code: string, detail: string, readonly fieldErrors?: FieldErrors, readonly reason?: string) {
    super(detail);
  }
}

/**
 * Wraps a handler that needs a signed-in person. Its result is sent as JSON (status `status`, default 200);
 * a Response it returns is sent as is.
 */
export function apiRoute<P extends Params = Params>(handler: Handler<P>, options: { status?: number; anonymous?: boolean } = {}) {
  return async (request: Request, context: { params: Promise<P> }): Promise<Response> => {
    const { requestId } = await incomingContext();
    try {
      if (request.method !== "GET" && request.method !== "HEAD") assertSameOrigin(request);
      const bearer = options.anonymous ? "" : await getSessionBearer();
      if (bearer === null) throw new InputProblem(401, "unauthenticated", "Your session has ended. Sign in again.");
      const result = await handler({ request, bearer, params: await context.params });
      if (result instanceof Response) return result;
      if (result === undefined) return new NextResponse(null, { status: 204 });
      return NextResponse.json(result, { status: options.status ?? 200, headers: { "cache-control": "no-store" } });
    } catch (error) {
      return problemResponse(error, requestId, request);
    }
  };
}

/** Same as apiRoute, for the invitee's endpoints that work without a session. */
export function anonymousApiRoute<P extends Params = Params>(handler: (args: { request: Request; params: P }) => Promise<unknown>, options: { status?: number } = {}) {
  return apiRoute<P>(({ request, params }) => handler({ request, params }), { ...options, anonymous: true });
}

/** Refuses the request with this status and sentence (a route's own check of its input, e.g. a body too large). */
export function refuseInput(status: number, code: string, detail: string, reason?: string): never {
  throw new InputProblem(status, code, detail, undefined, reason);
}

/** The JSON body, parsed with `schema`; 422 with field messages when it does not fit. */
export async function readJson<S extends z.ZodType>(request: Request, schema: S): Promise<z.infer<S>> {
  if (!(request.headers.get("content-type") ?? "").startsWith("application/json")) {
    throw new InputProblem(415, "bad-request", "Send the request as JSON.");
  }
  const body: unknown = await request.json().catch(() => {
    throw new InputProblem(400, "bad-request", "The request body is not valid JSON.");
  });
  assertNoNul(body);
  return parseWith(schema, body);
}

/** Query-string parameters (single values), parsed with `schema`. */
export function readQuery<S extends z.ZodType>(request: Request, schema: S): z.infer<S> {
  const params = new URL(request.url).searchParams;
  const raw: Record<string, string> = {};
  for (const [k, v] of params) if (v !== "") raw[k] = v;
  assertNoNul(raw);
  return parseWith(schema, raw);
}

/** Path parameters: a malformed id names nothing, so it is answered as the access service does (contracts/problem.ts). */
export function readParams<S extends z.ZodType>(params: Params, schema: S): z.infer<S> {
  const parsed = schema.safeParse(params);
  if (!parsed.success || Object.keys(nulFieldErrors(params)).length) {
    throw new InputProblem(malformedPathProblem.status, malformedPathProblem.code, malformedPathProblem.detail, undefined, "malformed-path");
  }
  return parsed.data;
}

/** A NUL character in any field is refused before a schema or the access service sees it. */
function assertNoNul(value: unknown) {
  const fieldErrors = nulFieldErrors(value);
  if (Object.keys(fieldErrors).length) throw new InputProblem(422, "validation-failed", invalidFieldsSentence, fieldErrors, "nul-character");
}

function parseWith<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const parsed = schema.safeParse(value, { error: humanIssueMessage });
  if (parsed.success) return parsed.data;
  throw new InputProblem(422, "validation-failed", invalidFieldsSentence, fieldErrorsOf(parsed.error));
}

/** Mutations only from our own pages: browsers send Sec-Fetch-Site / Origin we can compare. */
function assertSameOrigin(request: Request) {
  const site = request.headers.get("sec-fetch-site");
  if (site && site !== "same-origin") throw new InputProblem(403, "forbidden", "Cross-site requests are not accepted.");
  const origin = request.headers.get("origin");
  const host = request.headers.get("host");
  // "null" (sandboxed frames, some redirects) and anything unparsable are not our origin either.
  if (origin && host && originHost(origin) !== host) throw new InputProblem(403, "forbidden", "Cross-site requests are not accepted.");
}

function originHost(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}

function problemResponse(error: unknown, requestId: string, request: Request): Response {
  if (error instanceof InputProblem) {
    return problem(error.status, { code: error.code, detail: error.message, reason: error.reason, fieldErrors: error.fieldErrors, requestId });
  }
  if (isAccessProblem(error)) {
    if (error.status >= 500) {
      webLog().error({ "http.request.id": requestId, status: error.status, code: error.code }, "access service problem");
    }
    const detail = error.status >= 500 ? "Tessera could not complete this right now. Try again in a moment." : error.message;
    return problem(error.status, {
      code: error.code,
      detail,
      reason: error.reason,
      fieldErrors: error.fieldErrors,
      retryAfterSeconds: error.retryAfterSeconds,
      requestId: error.requestId ?? requestId,
    });
  }
  webLog().error({ "http.request.id": requestId, err: error }, "web route failed");
  reportError(error, { requestId, method: request.method, url: new URL(request.url).pathname });
  return problem(500, { code: "internal", detail: "Something went wrong. Try again in a moment.", requestId });
}

/** The same problem document as the services answer (contracts/problem.ts): generic title, the sentence in `detail`. */
function problem(status: number, body: Omit<Problem, "type" | "title" | "status" | "requestId"> & { requestId: string }) {
  const document: Problem = { type: `urn:tessera:problem:${body.code}`, title: problemTitle(status), status, ...body };
  return new NextResponse(JSON.stringify(document), {
    status,
    headers: { "content-type": problemContentType, "cache-control": "no-store", "x-request-id": body.requestId },
  });
}
