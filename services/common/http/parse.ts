// zod at the boundary: parse a body, query or params, or answer 422 with field messages.
import { z } from "zod";
import { AppError } from "./app-error";

export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input ?? {});
  if (result.success) return result.data;
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of result.error.issues) {
    const key = issue.path.length ? issue.path.join(".") : "_";
    (fieldErrors[key] ??= []).push(issue.message);
  }
  throw new AppError("validation-failed", "The request has invalid fields.", { fieldErrors });
}
