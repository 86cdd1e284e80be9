// The one typed error of the internal services; the error handler turns it into problem+json.
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

export class AppError extends Error {
  constructor(
    readonly code: ProblemCode,
    readonly detail: string,
    readonly extra: { reason?: string; fieldErrors?: Record<string, string[]>; retryAfterSeconds?: number } = {},
  ) {
    super(detail);
    this.name = "AppError";
  }
  get status(): number {
    return statusByCode[this.code];
  }
}
