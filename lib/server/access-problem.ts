import "server-only";
// The one error type the web tier sees from the access service: an RFC 9457 problem, or "unavailable".
// Its message is the problem's `detail`: the service's sentence for the person, which the web tier shows.
import { problemSchema, problemSentence, problemTitle, type ProblemCode } from "@/contracts/problem";

export type FieldErrors = Record<string, string[]>;

// A global brand rather than `instanceof`: Next.js can load this module more than once per process
// (server actions, route handlers and pages are separate bundles), so class identity is not reliable.
const brand = Symbol.for("tessera.web.AccessProblem");

export class AccessProblem extends Error {
  readonly [brand] = true;
  readonly status: number;
  readonly code: ProblemCode | (string & {});
  readonly reason: string | undefined;
  readonly fieldErrors: FieldErrors | undefined;
  readonly retryAfterSeconds: number | undefined;
  readonly requestId: string | undefined;

  constructor(init: {
    status: number;
    code: string;
    /** The sentence for the person (the problem's `detail`); the status's generic title when absent. */
    detail?: string;
    reason?: string;
    fieldErrors?: FieldErrors;
    retryAfterSeconds?: number;
    requestId?: string;
    cause?: unknown;
  }) {
    super(init.detail ?? problemTitle(init.status), { cause: init.cause });
    this.name = "AccessProblem";
    this.status = init.status;
    this.code = init.code;
    this.reason = init.reason;
    this.fieldErrors = init.fieldErrors;
    this.retryAfterSeconds = init.retryAfterSeconds;
    this.requestId = init.requestId;
  }
}

export function isAccessProblem(error: unknown): error is AccessProblem {
  return typeof error === "object" && error !== null && (error as { [brand]?: unknown })[brand] === true;
}

/** Builds an AccessProblem from a non-2xx answer; a body that is not a problem document still gets a code. */
export function problemFromResponse(status: number, body: unknown, retryAfterHeader?: string | null): AccessProblem {
  const parsed = problemSchema.safeParse(body);
  const headerRetry = retryAfterHeader && /^\d+$/.test(retryAfterHeader) ? Number(retryAfterHeader) : undefined;
  if (parsed.success) {
    const p = parsed.data;
    return new AccessProblem({
      status,
      code: p.code,
      detail: problemSentence(p),
      reason: p.reason,
      fieldErrors: p.fieldErrors,
      retryAfterSeconds: p.retryAfterSeconds ?? headerRetry,
      requestId: p.requestId,
    });
  }
  return new AccessProblem({ status, code: codeForStatus(status), retryAfterSeconds: headerRetry });
}

function codeForStatus(status: number): ProblemCode {
  if (status === 401) return "unauthenticated";
  if (status === 403) return "forbidden";
  if (status === 404) return "not-found";
  if (status === 409) return "conflict";
  if (status === 410) return "gone";
  if (status === 422) return "validation-failed";
  if (status === 429) return "too-many-requests";
  if (status === 502 || status === 503 || status === 504) return "unavailable";
  if (status >= 400 && status < 500) return "bad-request";
  return "internal";
}
