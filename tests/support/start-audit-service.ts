// Starts the real audit service in-process for integration tests: migrated database, mTLS certificate
// from the test CA, listening on 127.0.0.1 (on a given port, so a test can stop and restart it).
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { FastifyInstance } from "fastify";
import { migrate } from "../../services/common/db/migrate";
import { loadOrCreateCheckpointKey } from "../../services/audit/config/checkpoint-key";
import { checkpointsFile } from "../../services/audit/domain/chain/checkpoint-file";
import { buildAuditService } from "../../services/audit/server";
import type { TestPki } from "./test-pki";

export const auditMigrationsDir = path.resolve(import.meta.dirname, "../../prisma/audit/migrations");

export type RunningAudit = { app: FastifyInstance; url: string; port: number };

export async function startAuditService(options: {
  pki: TestPki;
  connectionString: string;
  poolMax: number;
  chainKey: Buffer;
  port?: number;
}): Promise<RunningAudit> {
  await migrate(options.connectionString, auditMigrationsDir);
  // Its checkpoint key and file in a folder of its own, as the audit service keeps them in its data folder.
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), "audit-data-"));
  const app = buildAuditService({
    tls: await options.pki.issue("audit"),
    connectionString: options.connectionString,
    poolMax: options.poolMax,
    chainKey: options.chainKey,
    logLevel: "silent",
    checkpoints: { key: await loadOrCreateCheckpointKey(path.join(dataDir, "keys", "chain.key")), file: checkpointsFile(dataDir) },
  });
  app.addHook("onClose", async () => fs.rm(dataDir, { recursive: true, force: true }));
  await app.listen({ host: "127.0.0.1", port: options.port ?? 0 });
  const port = (app.server.address() as { port: number }).port;
  return { app, url: `https://127.0.0.1:${port}`, port };
}
