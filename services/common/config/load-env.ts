// Reads a service's environment through a zod schema; a wrong setting stops the process with one
// clear line naming it, before anything starts.
import { z } from "zod";
import type { TelemetrySetting } from "../../../observability/settings.mjs";

export const tlsEnv = {
  TLS_CA_FILE: z.string().min(1),
  TLS_CERT_FILE: z.string().min(1),
  TLS_KEY_FILE: z.string().min(1),
  TLS_CRL_FILE: z.string().min(1).optional(),
};

/** Traces over OTLP and error reports to Sentry, each on when set (observability/settings.mjs names them). */
export const telemetryEnv = {
  OTEL_EXPORTER_OTLP_ENDPOINT: z.url({ protocol: /^https?$/ }).optional(),
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: z.url({ protocol: /^https?$/ }).optional(),
  /** `key=value` pairs separated by commas (an APM server's secret token, a Tempo tenant). */
  OTEL_EXPORTER_OTLP_HEADERS: z.string().regex(/^[^=,]+=[^,]*(,[^=,]+=[^,]*)*$/, "must be key=value pairs separated by commas").optional(),
  OTEL_SERVICE_NAME: z.string().min(1).max(100).optional(),
  /** http(s)://PUBLIC_KEY@HOST/PROJECT_ID */
  SENTRY_DSN: z.url({ protocol: /^https?$/ }).refine((dsn) => new URL(dsn).username !== "", "must name the project's public key (https://KEY@host/PROJECT)").optional(),
  SENTRY_ENVIRONMENT: z.string().min(1).max(64).optional(),
  SENTRY_RELEASE: z.string().min(1).max(200).optional(),
} satisfies Record<TelemetrySetting, z.ZodType>;

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
