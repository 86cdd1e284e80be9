// What `tessera keys …` and `tessera import …` need of the access host: the access service's own
// configuration (same environment variables), its keys (never created here) and its database.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { migrate, pendingMigrations } from "../../services/common/db/migrate";
import { embeddedDatabaseInUse, openDatabase } from "../../services/common/db/open-database";
import { loadAccessConfig } from "../../services/access/config";
import { createPrisma, type AccessPrisma } from "../../services/access/db/prisma";
import { loadOrCreateKey } from "../../services/access/keys/key-files";
import { keyringFromEnvironment, loadKeyring, type StorageKeyring } from "../../services/access/keys/storage-keyring";
import { homeLayout, repoRoot, tesseraHome } from "../home";

export type AccessHost = {
  config: ReturnType<typeof loadAccessConfig>;
  prisma: AccessPrisma;
  keyring: StorageKeyring;
  digestKey: Buffer;
  close(): Promise<void>;
};

/** The access service holds its embedded database: another process may not open it now. */
export class EmbeddedDatabaseBusy extends Error {}

/** The operator who runs the command, as audit events name them. */
export const operatorActor = (label: string) => ({ type: "operator" as const, id: os.userInfo().username, label });

/**
 * The access service's configuration from the environment; run locally (`tessera start` layout), the
 * data folder and certificate paths default to $TESSERA_HOME so that no variable needs setting.
 */
export function accessConfig(): ReturnType<typeof loadAccessConfig> {
  const layout = homeLayout(tesseraHome());
  const defaults: Record<string, string> = {
    ACCESS_DATA_DIR: layout.accessDir,
    // Required by the service's schema; these commands make no TLS connection with them.
    TLS_CA_FILE: layout.pki.caCert,
    TLS_CERT_FILE: layout.pki.cert("access", "server"),
    TLS_KEY_FILE: layout.pki.key("access", "server"),
    TLS_CLIENT_CERT_FILE: layout.pki.cert("access", "client"),
    TLS_CLIENT_KEY_FILE: layout.pki.key("access", "client"),
  };
  for (const [name, value] of Object.entries(defaults)) process.env[name] ??= value;
  return loadAccessConfig();
}


/**
 * `migrations`: "apply" brings the schema up to date (the keys commands, as the service does at start);
 * "require-applied" changes nothing and refuses a database whose schema is behind (the import, whose dry
 * run promises to change nothing).
 */
export async function openAccessHost(options: { migrations: "apply" | "require-applied" } = { migrations: "apply" }): Promise<AccessHost> {
  const config = accessConfig();
  if (!config.ACCESS_KEYRING && !fs.existsSync(config.keyringFile)) {
    throw new Error(`No storage keyring at ${config.keyringFile}. Start the access service once (it creates its keys), or set ACCESS_KEYRING_FILE to the service's keyring.`);
  }
  if (!fs.existsSync(config.secretDigestKeyFile)) {
    throw new Error(`No secret digest key at ${config.secretDigestKeyFile}. Start the access service once, or set ACCESS_SECRET_DIGEST_KEY_FILE to the service's key.`);
  }
  const keyring = config.ACCESS_KEYRING ? keyringFromEnvironment(config.ACCESS_KEYRING) : loadKeyring(config.keyringFile);
  const digestKey = loadOrCreateKey(config.secretDigestKeyFile);

  const embeddedDir = path.join(config.ACCESS_DATA_DIR, "db");
  if (!config.ACCESS_DATABASE_URL) {
    if (await embeddedDatabaseInUse(embeddedDir)) {
      throw new EmbeddedDatabaseBusy(
        "The access service is running on its embedded database, which only one process can open at a time. " +
          "Stop the access service (or `tessera start`) and run this again, or run the service on PostgreSQL (ACCESS_DATABASE_URL) to do this while it runs.",
      );
    }
    if (!fs.existsSync(path.join(embeddedDir, "pgdata"))) {
      throw new Error(`No access database in ${embeddedDir}. Start the access service once, or set ACCESS_DATABASE_URL.`);
    }
  }
  const database = await openDatabase({ url: config.ACCESS_DATABASE_URL, embeddedDir });
  const migrationsDir = path.join(repoRoot, "prisma/access/migrations");
  try {
    if (options.migrations === "apply") await migrate(database.connectionString, migrationsDir);
    else {
      const pending = await pendingMigrations(database.connectionString, migrationsDir);
      if (pending.length > 0) {
        throw new Error(
          `The access database's schema is behind this version of Tessera (not applied: ${pending.join(", ")}). ` +
            "This command changes no schema: start the access service of this version once (it applies its migrations), then run it again.",
        );
      }
    }
  } catch (e) {
    await database.close();
    throw e;
  }
  const prisma = createPrisma(database.connectionString, database.poolMax);
  return {
    config,
    prisma,
    keyring,
    digestKey,
    close: async () => {
      await prisma.$disconnect();
      await database.close();
    },
  };
}
