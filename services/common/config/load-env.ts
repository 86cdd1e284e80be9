// Reads a service's environment through a zod schema; a wrong setting stops the process with one
// clear line naming it, before anything starts.
import { z } from "zod";

export const tlsEnv = {
  TLS_CA_FILE: z.string().min(1),
  TLS_CERT_FILE: z.string().min(1),
  TLS_KEY_FILE: z.string().min(1),
  TLS_CRL_FILE: z.string().min(1).optional(),
};

export function tlsFilesFromEnv(env: { TLS_CA_FILE: string; TLS_CERT_FILE: string; TLS_KEY_FILE: string; TLS_CRL_FILE?: string }) {
  return { caFile: env.TLS_CA_FILE, certFile: env.TLS_CERT_FILE, keyFile: env.TLS_KEY_FILE, crlFile: env.TLS_CRL_FILE };
}

export function loadEnv<S extends z.ZodObject>(schema: S, service: string, env: NodeJS.ProcessEnv = process.env): z.infer<S> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const lines = result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
  process.stderr.write(`${service}: invalid configuration — ${lines.join("; ")}\n`);
  process.exit(2);
}
