// Starts the real audit service in-process for integration tests: migrated database, mTLS certificate
// from the test CA, listening on 127.0.0.1 (on a given port, so a test can stop and restart it).
import path from "node:path";
import type { FastifyInstance } from "fastify";
import { migrate } from "../../services/common/db/migrate";
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
  const app = buildAuditService({
    tls: await options.pki.issue("audit"),
    connectionString: options.connectionString,
    poolMax: options.poolMax,
    chainKey: options.chainKey,
    logLevel: "silent",
  });
  await app.listen({ host: "127.0.0.1", port: options.port ?? 0 });
  const port = (app.server.address() as { port: number }).port;
  return { app, url: `https://127.0.0.1:${port}`, port };
}
