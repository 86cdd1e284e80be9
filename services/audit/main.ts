// Entry point of the audit service: configuration from the environment, database, migrations, mTLS server.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { migrate } from "../common/db/migrate";
import { openDatabase } from "../common/db/open-database";
import { closeOnSignals } from "../common/http/create-service";
import { loadOrCreateChainKey } from "./config/chain-key";
import { checkpointKeyFile, loadOrCreateCheckpointKey } from "./config/checkpoint-key";
import { checkpointsFile } from "./domain/chain/checkpoint-file";
import { readAuditConfig } from "./config/env";
import { buildAuditService } from "./server";
import { startTelemetry } from "../../observability/telemetry.mjs";

const migrationsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../prisma/audit/migrations");

async function main() {
  const read = readAuditConfig(process.env);
  if (!read.ok) {
    console.error(read.message);
    process.exit(2);
  }
  const config = read.config;
  // First: the traces and error reports of everything below (each on only when configured).
  const telemetry = await startTelemetry({ service: "audit" });
  const { key: chainKey, created } = await loadOrCreateChainKey(config.chainKeyFile);
  const database = await openDatabase({ url: config.databaseUrl, embeddedDir: path.join(config.dataDir, "db") });
  await migrate(database.connectionString, migrationsDir);

  const checkpointKey = await loadOrCreateCheckpointKey(config.chainKeyFile);
  const app = buildAuditService({
    tls: config.tls,
    connectionString: database.connectionString,
    poolMax: database.poolMax,
    chainKey,
    logLevel: config.logLevel,
    checkpoints: { key: checkpointKey, file: checkpointsFile(config.dataDir) },
  });
  app.log.info({ checkpointKeyFile: checkpointKeyFile(config.chainKeyFile), kid: checkpointKey.publicJwk.kid }, "audit checkpoints signed with this key");
  if (created) app.log.warn({ chainKeyFile: config.chainKeyFile }, "created a new audit chain key; back it up, the chain cannot be verified without it");
  closeOnSignals(app, async () => {
    await database.close();
    await telemetry.shutdown();
  });
  await app.listen({ host: config.host, port: config.port });
  const address = app.server.address();
  const port = typeof address === "object" && address ? address.port : config.port;
  app.log.info({ url: `https://${config.host}:${port}`, database: database.embedded ? "embedded" : "postgresql" }, "audit service listening");
}

main().catch((e: unknown) => {
  console.error(`audit: failed to start: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
