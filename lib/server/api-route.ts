import "server-only";
// The one wrapper for the web tier's own /api routes: authenticates the person by their session,
// parses input with the contracts' zod schemas, and answers every failure as a JSON problem with the
// access service's status — never a stack trace or an unknown error's message.
import { NextResponse } from "next/server";
import { z } from "zod";
import { problemContentType } from "@/contracts/problem";
import { incomingContext } from "./access-client";
import { isAccessProblem } from "./access-problem";
import { getSessionBearer } from "./session";

type Params = Record<string, string | string[] | undefined>;
type RouteArgs<P extends Params> = { request: Request; bearer: string; params: P };
type Handler<P extends Params> = (args: RouteArgs<P>) => Promise<unknown>;

/** Thrown by the read* helpers: becomes a problem with this status (and field messages). */
class InputProblem extends Error {
  constructor(readonly status: number, readonly code: string, title: string, readonly fieldErrors?: Record<string, string[]>) {
    super(title);
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
      return problemResponse(error, requestId);
    }
  };
}

/** Same as apiRoute, for the invitee's endpoints that work without a session. */
export function anonymousApiRoute<P extends Params = Params>(handler: (args: { request: Request; params: P }) => Promise<unknown>, options: { status?: number } = {}) {
  return apiRoute<P>(({ request, params }) => handler({ request, params }), { ...options, anonymous: true });
}

/** The JSON body, parsed with `schema`; 422 with field messages when it does not fit. */
export async function readJson<S extends z.ZodType>(request: Request, schema: S): Promise<z.infer<S>> {
  if (!(request.headers.get("content-type") ?? "").startsWith("application/json")) {
    throw new InputProblem(415, "bad-request", "Send the request as JSON.");
  }
  const body: unknown = await request.json().catch(() => {
    throw new InputProblem(400, "bad-request", "The request body is not valid JSON.");
  });
  return parseWith(schema, body);
}

/** Query-string parameters (single values), parsed with `schema`. */
export function readQuery<S extends z.ZodType>(request: Request, schema: S): z.infer<S> {
  const params = new URL(request.url).searchParams;
  const raw: Record<string, string> = {};
  for (const [k, v] of params) if (v !== "") raw[k] = v;
  return parseWith(schema, raw);
}

/** Path parameters: a malformed id is simply not found, like an unknown one. */
export function readParams<S extends z.ZodType>(params: Params, schema: S): z.infer<S> {
  const parsed = schema.safeParse(params);
  if (!parsed.success) throw new InputProblem(404, "not-found", "Not found.");
  return parsed.data;
}

function parseWith<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of parsed.error.issues) {
    const key = issue.path.length ? String(issue.path[0]) : "_";
    (fieldErrors[key] ??= []).push(issue.message);
  }
  throw new InputProblem(422, "validation-failed", "Check the highlighted fields.", fieldErrors);
}

/** Mutations only from our own pages: browsers send Sec-Fetch-Site / Origin we can compare. */
function assertSameOrigin(request: Request) {
  const site = request.headers.get("sec-fetch-site");
  if (site && site !== "same-origin") throw new InputProblem(403, "forbidden", "Cross-site requests are not accepted.");
  const origin = request.headers.get("origin");
  const host = request.headers.get("host");
  if (origin && host && new URL(origin).host !== host) throw new InputProblem(403, "forbidden", "Cross-site requests are not accepted.");
}

function problemResponse(error: unknown, requestId: string): Response {
  if (error instanceof InputProblem) {
    return problem(error.status, { code: error.code, title: error.message, fieldErrors: error.fieldErrors, requestId });
  }
  if (isAccessProblem(error)) {
    if (error.status >= 500) {
      console.error(JSON.stringify({ level: "error", msg: "access service problem", requestId, status: error.status, code: error.code }));
    }
    const title = error.status >= 500 ? "Tessera could not complete this right now. Try again in a moment." : error.message;
    return problem(error.status, {
      code: error.code,
      title,
      reason: error.reason,
      fieldErrors: error.fieldErrors,
      retryAfterSeconds: error.retryAfterSeconds,
      requestId: error.requestId ?? requestId,
    });
  }
  console.error(JSON.stringify({ level: "error", msg: "web route failed", requestId, err: String(error) }));
  return problem(500, { code: "internal", title: "Something went wrong. Try again in a moment.", requestId });
}

function problem(status: number, body: { code: string; title: string; reason?: string; fieldErrors?: Record<string, string[]>; retryAfterSeconds?: number; requestId: string }) {
  return new NextResponse(JSON.stringify({ type: "about:blank", status, ...body }), {
    status,
    headers: { "content-type": problemContentType, "cache-control": "no-store", "x-request-id": body.requestId },
  });
}
