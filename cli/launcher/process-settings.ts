// The settings each process takes from the operator's environment, declared once: the launcher
// passes on exactly these (process-env.ts) and the README's configuration table is checked against
// them (tests/unit/process-settings.test.ts). Besides its own, each takes the telemetry settings
// (observability/settings.mjs). Everything else a process receives, the launcher sets itself: addresses,
// ports, data folders, TLS files and the URLs between the processes.
import { telemetrySettings } from "../../observability/settings.mjs";

export const operatorSettings = {
  audit: ["AUDIT_DATABASE_URL", "AUDIT_CHAIN_KEY_FILE", "LOG_LEVEL"],
  access: [
    "ACCESS_DATABASE_URL",
    "ACCESS_KEYS_DIR",
    "ACCESS_SECRET_DIGEST_KEY_FILE",
    "ACCESS_KEYRING_FILE",
    "ACCESS_KEYRING",
    "SESSION_IDLE_MINUTES",
    "SESSION_ABSOLUTE_HOURS",
    "SETUP_LINK_MINUTES",
    "POLICY_NOTICE_DAYS",
    "SELFCHECK_INTERVAL_MINUTES",
    "SELFCHECK_TARGETS",
    "DETECTOR",
    "DETECTOR_MODEL_RETRAIN_HOURS",
    "LOG_LEVEL",
  ],
  web: ["WEB_TRUSTED_PROXY_HOPS"],
} as const satisfies Record<string, readonly string[]>;

export type ProcessName = keyof typeof operatorSettings;

/** Traces and error reports (observability/settings.mjs): every process takes them. */
export const everyProcessSettings: readonly string[] = telemetrySettings;

/** The operator's settings that `process` takes, those that are set. */
export function settingsFor(process: ProcessName, env: Record<string, string | undefined>): Record<string, string> {
  const picked: Record<string, string> = {};
  for (const name of [...operatorSettings[process], ...everyProcessSettings]) {
    const value = env[name];
    if (value !== undefined && value !== "") picked[name] = value;
  }
  return picked;
}
