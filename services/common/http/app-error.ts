// The one typed error of the internal services; the error handler turns it into problem+json.
// `detail` is the sentence for the person (it becomes the problem's `detail`, which the web tier shows);
// `extra.internal` is for the log only (what an operator needs to trace it), never sent.
import type { ProblemCode } from "../../../contracts/problem";

export const statusByCode: Record<ProblemCode, number> = {
  "bad-request": 400,
  unauthenticated: 401,
  forbidden: 403,
  "not-found": 404,
  conflict: 409,
  gone: 410,
  "validation-failed": 422,
  "too-many-requests": 429,
  internal: 500,
  unavailable: 503,
};

export type AppErrorExtra = {
  reason?: string;
  fieldErrors?: Record<string, string[]>;
  retryAfterSeconds?: number;
  /** For the log line of this refusal, never for the client: ids, the rule that refused, a library's message. */
  internal?: string;
};

export class AppError extends Error {
  constructor(
    readonly code: ProblemCode,
    /** The sentence for people: what happened and, where it helps, what to do. */
    readonly detail: string,
    readonly extra: AppErrorExtra = {},
  ) {
    super(detail);
    this.name = "AppError";
  }
  get status(): number {
    return statusByCode[this.code];
  }
}
