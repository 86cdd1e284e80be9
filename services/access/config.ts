// The access service's configuration, from its environment only.
import path from "node:path";
import { z } from "zod";
import { loadEnv, telemetryEnv, tlsEnv } from "../common/config/load-env";

const schema = z.object({
  ACCESS_HOST: z.string().default("127.0.0.1"),
  ACCESS_PORT: z.coerce.number().int().min(0).max(65535).default(7443),
  ACCESS_DATA_DIR: z.string().min(1),
  ACCESS_DATABASE_URL: z.string().url().optional(),
  ACCESS_SECRET_DIGEST_KEY_FILE: z.string().optional(),
  ACCESS_KEYRING_FILE: z.string().optional(),
  /** The keyring itself, as the file's JSON; when set, no keyring file is read or created. */
  ACCESS_KEYRING: z.string().min(2).optional(),
  ACCESS_KEYS_DIR: z.string().optional(),
  AUDIT_URL: z.string().url().default("https://127.0.0.1:7444"),
  TESSERA_PUBLIC_URL: z.string().url().default("http://127.0.0.1:3000"),
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(30),
  SESSION_ABSOLUTE_HOURS: z.coerce.number().int().min(1).max(24 * 7).default(12),
  SETUP_LINK_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(30),
  POLICY_NOTICE_DAYS: z.coerce.number().int().min(0).max(365).default(30),
  LOG_LEVEL: z.string().default("info"),
  /** How often the security plan's self-checks run (services/access/domain/security-plan/); 0: only on demand. */
  SELFCHECK_INTERVAL_MINUTES: z.coerce.number().int().min(0).max(7 * 24 * 60).default(60),
  /** Hosts the deployment talks to, checked for default credentials: URLs separated by spaces or commas. */
  SELFCHECK_TARGETS: z.string().default(""),
  /** Licenses' request-rate quotas (services/access/domain/quotas/): enforced, or off. */
  REQUEST_QUOTAS: z.enum(["enforce", "off"]).default("enforce"),
  /** The anomaly detector (services/access/detector/): watching token use and sign-ins, or off. Its responses start in shadow mode. */
  DETECTOR: z.enum(["on", "off"]).default("on"),
  /**
   * The detector's sequence model (services/access/detector/sequence/): hours between retrainings on this
   * deployment's recorded history, in a worker thread (the first once enough history is recorded); 0: never
   * trained and no history recorded (models already stored are still scored).
   */
  DETECTOR_MODEL_RETRAIN_HOURS: z.coerce.number().min(0).max(24 * 90).default(24),
  ...tlsEnv,
  ...telemetryEnv,
  // TLS_CERT_FILE/TLS_KEY_FILE serve (serverAuth only); the audit service is called with this pair (clientAuth only).
  TLS_CLIENT_CERT_FILE: z.string().min(1),
  TLS_CLIENT_KEY_FILE: z.string().min(1),
  /** The internal CA's index of issued certificates (no secrets: serials, names, dates), shown on the Security page. */
  TLS_CERTIFICATE_INDEX_FILE: z.string().min(1).optional(),
});

export function loadAccessConfig() {
  const env = loadEnv(schema, "access");
  const keysDir = env.ACCESS_KEYS_DIR ?? path.join(env.ACCESS_DATA_DIR, "keys");
  return {
    ...env,
    keysDir,
    secretDigestKeyFile: env.ACCESS_SECRET_DIGEST_KEY_FILE ?? path.join(keysDir, "secret-digest.key"),
    keyringFile: env.ACCESS_KEYRING_FILE ?? path.join(keysDir, "storage-keyring.json"),
    /** What the audit client presents and checks: its own client certificate, the CA and the CRL. */
    auditClientTls: { caFile: env.TLS_CA_FILE, certFile: env.TLS_CLIENT_CERT_FILE, keyFile: env.TLS_CLIENT_KEY_FILE, crlFile: env.TLS_CRL_FILE },
    /** The rules' settings (services/access/domain/context.ts AccessSettings), for the service and the host tools alike. */
    settings: {
      publicUrl: env.TESSERA_PUBLIC_URL,
      sessionIdleMinutes: env.SESSION_IDLE_MINUTES,
      sessionAbsoluteHours: env.SESSION_ABSOLUTE_HOURS,
      setupLinkMinutes: env.SETUP_LINK_MINUTES,
      policyNoticeDays: env.POLICY_NOTICE_DAYS,
    },
  };
}
