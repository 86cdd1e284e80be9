// The audit service's configuration, from the environment, checked before anything starts.
import path from "node:path";
import { z } from "zod";
import { telemetryEnv } from "../../common/config/load-env";

const file = z.string({ error: (issue) => (issue.input === undefined ? "is required" : "must be a string") }).min(1, "must name a file");

export const auditEnvSchema = z.object({
  AUDIT_HOST: z.string().min(1).default("127.0.0.1"),
  AUDIT_PORT: z.coerce.number({ error: "must be a port number" }).int().min(0).max(65535).default(7444),
  AUDIT_DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  AUDIT_DATA_DIR: z.string({ error: "is required" }).min(1, "is required"),
  AUDIT_CHAIN_KEY_FILE: file.optional(),
  TLS_CA_FILE: file,
  TLS_CERT_FILE: file,
  TLS_KEY_FILE: file,
  TLS_CRL_FILE: file.optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  ...telemetryEnv,
});

export type AuditConfig = {
  host: string;
  port: number;
  databaseUrl?: string;
  dataDir: string;
  chainKeyFile: string;
  tls: { caFile: string; certFile: string; keyFile: string; crlFile?: string };
  logLevel: string;
};

/** Returns the configuration, or a one-line explanation of what is wrong. */
export function readAuditConfig(env: Record<string, string | undefined>): { ok: true; config: AuditConfig } | { ok: false; message: string } {
  const parsed = auditEnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
    return { ok: false, message: `audit: invalid configuration: ${problems.join("; ")}` };
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.AUDIT_DATA_DIR);
  return {
    ok: true,
    config: {
      host: e.AUDIT_HOST,
      port: e.AUDIT_PORT,
      databaseUrl: e.AUDIT_DATABASE_URL,
      dataDir,
      // The key sits beside the data folder's database, never inside the database itself.
      chainKeyFile: e.AUDIT_CHAIN_KEY_FILE ?? path.join(dataDir, "keys", "chain.key"),
      tls: { caFile: e.TLS_CA_FILE, certFile: e.TLS_CERT_FILE, keyFile: e.TLS_KEY_FILE, crlFile: e.TLS_CRL_FILE },
      logLevel: e.LOG_LEVEL,
    },
  };
}
