// RFC 9457 problem details: the one error shape every internal API answers with.
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
  title: z.string(),
  status: z.number().int(),
  code: z.string(),
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
