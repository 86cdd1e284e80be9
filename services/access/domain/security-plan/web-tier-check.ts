// The web tier holds no database URL and no storage, signing, digest or audit key. The web tier's
// environment is built from scratch by the launcher (cli/launcher/process-env.ts, webEnv) from the
// operator's settings it declares (process-settings.ts); this rule looks at that environment, names and
// values, and the caller says where it came from. Only variable names go into evidence.
import path from "node:path";
import type { CheckResult } from "../../../../contracts/security-plan";

const forbiddenNames = /(DATABASE_URL|KEYRING|SECRET_DIGEST|KEYS_DIR|CHAIN_KEY|SIGNING|ACCESS_DATA_DIR|AUDIT_DATA_DIR)/;
const databaseUrl = /^postgres(ql)?:\/\//i;

export type WebTierEnvironment = {
  env: Record<string, string>;
  /** How the environment was obtained, for evidence (e.g. "webEnv() of cli/launcher/process-env.ts"). */
  source: string;
  /** The services' data folders: no web setting may point into them. */
  serviceDataDirs: string[];
  /** The web tier's own client key; TLS_KEY_FILE must be it, not a service's key. */
  expectedTlsKeyFile: string;
};

export function checkWebTierEnvironment(input: WebTierEnvironment, now: () => Date): CheckResult {
  const problems: string[] = [];
  for (const [name, value] of Object.entries(input.env)) {
    if (forbiddenNames.test(name)) problems.push(`it is given ${name}`);
    else if (databaseUrl.test(value)) problems.push(`${name} holds a database URL`);
    else if (input.serviceDataDirs.some((dir) => path.resolve(value).startsWith(path.resolve(dir) + path.sep))) problems.push(`${name} points into a service's data folder`);
  }
  if (input.env.TLS_KEY_FILE !== undefined && path.resolve(input.env.TLS_KEY_FILE) !== path.resolve(input.expectedTlsKeyFile)) {
    problems.push("its TLS key is not the web tier's own client key");
  }
  return {
    checkId: "web-tier.no-secrets",
    result: problems.length ? "fail" : "pass",
    sentence: problems.length
      ? `The web tier's environment: ${problems.join("; ")}.`
      : `The web tier's environment holds ${Object.keys(input.env).length} variables, none a database URL or a storage, signing, digest or audit key; its only key is its own TLS client key.`,
    evidence: { source: input.source, variables: Object.keys(input.env).sort(), checked: "names matching database URLs or key files, values that are database URLs or lie in a service's data folder, and that TLS_KEY_FILE is the web tier's own client key" },
    checkedAt: now().toISOString(),
  };
}
