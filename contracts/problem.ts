// RFC 9457 problem details: the one error shape every internal API and the web tier's /api answer with.
// `title` is the status's generic name; `detail` is the sentence for the person, and the one the web shows.
import { z } from "zod";

export const problemCodes = [
  "bad-request",
  "validation-failed",
  "unauthenticated",
  "forbidden",
  "not-found",
  "conflict",
  "gone",
  "too-many-requests",
  "unavailable",
  "internal",
] as const;
export type ProblemCode = (typeof problemCodes)[number];

export const problemSchema = z.object({
  type: z.string(),
  /** The status's generic name ("Conflict"): the same for every problem of that status. */
  title: z.string(),
  status: z.number().int(),
  code: z.string(),
  /** The sentence for the person ("The token is already revoked."): what a toast or form shows. */
  detail: z.string().optional(),
  requestId: z.string().optional(),
  /** Form-field messages, keyed by field name, for validation problems. */
  fieldErrors: z.record(z.string(), z.array(z.string())).optional(),
  /** Seconds to wait, for too-many-requests. */
  retryAfterSeconds: z.number().int().optional(),
  /** A finer reason than the code, e.g. "setup-link-used". */
  reason: z.string().optional(),
});
export type Problem = z.infer<typeof problemSchema>;

export const problemContentType = "application/problem+json";

export { problemTitle, problemTitles } from "./problem-titles";

/** What to show a person for a problem document: its `detail`, else the generic title. */
export function problemSentence(problem: Pick<Problem, "title" | "detail">): string {
  return problem.detail ?? problem.title;
}

/**
 * The one rule for a path parameter that does not fit its schema (a malformed id): it names nothing, so it
 * is answered exactly as an unknown one would be — 404 — at the services and at the web tier alike.
 */
export const malformedPathProblem = { status: 404, code: "not-found", detail: "There is nothing at this address." } as const satisfies Pick<Problem, "status" | "code" | "detail">;
