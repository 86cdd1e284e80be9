// zod at the boundary: parse a body, query or params, or answer 422 with field messages worded for people;
// and the checks every request passes before a route reads its input (NUL characters, malformed ids).
import type { FastifyInstance } from "fastify";
import type { z } from "zod";
import { fieldErrorsOf, humanIssueMessage, invalidFieldsSentence, nulFieldErrors } from "../../../contracts/field-messages";
import { malformedPathProblem } from "../../../contracts/problem";
import { AppError } from "./app-error";

export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input ?? {}, { error: humanIssueMessage });
  if (result.success) return result.data;
  // The log gets zod's issue codes by path (never the values: a field may hold a password).
  const internal = result.error.issues.map((issue) => `${issue.path.join(".") || "_"}: ${issue.code}`).join("; ").slice(0, 500);
  throw new AppError("validation-failed", invalidFieldsSentence, { fieldErrors: fieldErrorsOf(result.error), internal });
}

/**
 * One hook for every route, before validation: path parameters that do not fit the route's declared
 * `params` schema name nothing, so they are answered as not found (contracts/problem.ts); then a NUL
 * character anywhere in params, query or body is a field error (PostgreSQL text cannot hold it, and no
 * name or token needs it).
 */
export function installInputGuards(app: FastifyInstance): void {
  app.addHook("preValidation", async (request) => {
    const params = request.routeOptions.config?.openapi?.params;
    if (params && (!params.safeParse(request.params ?? {}).success || Object.keys(nulFieldErrors(request.params)).length)) {
      throw new AppError(malformedPathProblem.code, malformedPathProblem.detail, { reason: "malformed-path", internal: "path parameters do not fit the route's schema" });
    }
    const fieldErrors = { ...nulFieldErrors(request.params), ...nulFieldErrors(request.query), ...nulFieldErrors(request.body) };
    if (Object.keys(fieldErrors).length) {
      throw new AppError("validation-failed", "A field holds a NUL character, which Tessera does not accept.", { fieldErrors, reason: "nul-character" });
    }
  });
}
