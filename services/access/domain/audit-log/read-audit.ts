// Reads from the audit service for the console: one typed GET, one sentence when it cannot answer.
import type { z } from "zod";
import { AppError } from "../../../common/http/app-error";
import type { AccessContext } from "../context";

export const auditUnavailable = () => new AppError("unavailable", "The audit log cannot be read right now. Try again shortly.");

export async function readAudit<S extends z.ZodType>(ctx: AccessContext, path: string, schema: S): Promise<z.infer<S>> {
  const client = ctx.auditClient;
  if (!client) throw auditUnavailable();
  const res = await client.json("GET", path).catch(() => null);
  const parsed = res && res.status === 200 ? schema.safeParse(res.body) : null;
  if (!parsed?.success) throw auditUnavailable();
  return parsed.data;
}

/** A filter as the audit service's query string (only the fields given). */
export function queryString(fields: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) params.set(key, String(value));
  return params.toString();
}
