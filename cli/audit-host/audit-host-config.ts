// The audit service's configuration and database as the audit-host tools open them: its AUDIT_*
// settings (by default the data folder's) and its database, which on the embedded database only one
// process can hold at a time.
import fs from "node:fs";
import path from "node:path";
import { migrate } from "../../services/common/db/migrate";
import { embeddedDatabaseInUse, openDatabase } from "../../services/common/db/open-database";
import { readAuditConfig, type AuditConfig } from "../../services/audit/config/env";
import { createAuditPrisma, type AuditPrisma } from "../../services/audit/db/prisma";
import { homeLayout, repoRoot, tesseraHome } from "../home";

export function auditHostConfig(): AuditConfig {
  const layout = homeLayout(tesseraHome());
  const read = readAuditConfig({
    AUDIT_DATA_DIR: layout.auditDir,
    // Required by the service's schema; these tools make no TLS connection with them.
    TLS_CA_FILE: layout.pki.caCert,
    TLS_CERT_FILE: layout.pki.cert("audit"),
    TLS_KEY_FILE: layout.pki.key("audit"),
    ...process.env,
  });
  if (!read.ok) throw new Error(read.message);
  return read.config;
}

/** Runs `work` with the audit database open (migrated), and closes it after. */
export async function withAuditDatabase<T>(config: AuditConfig, work: (prisma: AuditPrisma) => Promise<T>): Promise<T> {
  const embeddedDir = path.join(config.dataDir, "db");
  if (!config.databaseUrl && (await embeddedDatabaseInUse(embeddedDir))) {
    throw new Error("The audit service is running on its embedded database, which only one process can open at a time. Stop it (or `tessera start`) and run this again, or run the service on PostgreSQL (AUDIT_DATABASE_URL) to run this while it runs.");
  }
  const database = await openDatabase({ url: config.databaseUrl, embeddedDir });
  const prisma = createAuditPrisma(database.connectionString, database.poolMax);
  try {
    await migrate(database.connectionString, path.join(repoRoot, "prisma/audit/migrations"));
    return await work(prisma);
  } finally {
    await prisma.$disconnect();
    await database.close();
  }
}

export function assertChainKey(config: AuditConfig): void {
  if (!fs.existsSync(config.chainKeyFile)) throw new Error(`No audit chain key at ${config.chainKeyFile}. Set AUDIT_CHAIN_KEY_FILE to the audit service's key.`);
}

/** A mistake in how the command was called: said with the usage, exit code 2. */
export class UsageError extends Error {}
