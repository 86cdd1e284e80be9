// What the self-checks look at, from the access service's own configuration: its database, the hosts
// the operator lists (SELFCHECK_TARGETS), the services' TLS endpoints with the access service's client
// certificate, and its key files. The web tier's environment is given by whoever can see it.
import path from "node:path";
import type { loadAccessConfig } from "../../config";
import type { StorageKeyring } from "../../keys/storage-keyring";
import { parseTarget } from "./credential-checks";
import type { SelfCheckSetup } from "./run-self-checks";
import type { WebTierEnvironment } from "./web-tier-check";

type AccessConfig = ReturnType<typeof loadAccessConfig>;

/** SELFCHECK_TARGETS: URLs separated by spaces or commas; a malformed one is refused with a sentence. */
export function parseTargetList(text: string): URL[] {
  return text.split(/[\s,]+/).filter(Boolean).map(parseTarget);
}

export function selfCheckSetup(config: AccessConfig, o: { keyring: StorageKeyring | null; extraTargets?: URL[]; webTier?: WebTierEnvironment | null }): SelfCheckSetup {
  const accessHost = config.ACCESS_HOST === "0.0.0.0" || config.ACCESS_HOST === "::" ? "127.0.0.1" : config.ACCESS_HOST;
  return {
    ownDatabase: { databaseUrl: config.ACCESS_DATABASE_URL, embeddedDir: path.join(config.ACCESS_DATA_DIR, "db") },
    targets: [...parseTargetList(config.SELFCHECK_TARGETS), ...(o.extraTargets ?? [])],
    tls: {
      services: [
        { name: "access", url: `https://${accessHost.includes(":") ? `[${accessHost}]` : accessHost}:${config.ACCESS_PORT}` },
        { name: "audit", url: config.AUDIT_URL },
      ],
      caFile: config.TLS_CA_FILE,
      certFile: config.TLS_CLIENT_CERT_FILE,
      keyFile: config.TLS_CLIENT_KEY_FILE,
      crlFile: config.TLS_CRL_FILE,
    },
    keys: {
      keysDir: config.keysDir,
      keyring: o.keyring,
      keyringFile: config.ACCESS_KEYRING ? null : config.keyringFile,
      secretDigestKeyFile: config.secretDigestKeyFile,
      tlsKeyFiles: [config.TLS_KEY_FILE, config.TLS_CLIENT_KEY_FILE],
    },
    webTier: o.webTier ?? null,
  };
}
