// Builds the audit service from its dependencies, so main.ts and tests start the same thing.
import type { FastifyInstance } from "fastify";
import { createService } from "../common/http/create-service";
import type { TlsFiles } from "../common/tls/server-tls";
import type { CheckpointKey } from "./config/checkpoint-key";
import { createAuditPrisma } from "./db/prisma";
import { startCheckpointWriter, type CheckpointWriter } from "./domain/chain/checkpoint-writer";
import { registerChainRoutes } from "./routes/chain";
import { registerEventRoutes } from "./routes/events";

export type AuditServiceDeps = {
  tls: TlsFiles;
  connectionString: string;
  poolMax: number;
  chainKey: Buffer;
  logLevel?: string;
  /** Signed checkpoints of the chain's head, written to `file` after appends (checkpoint-writer.ts). */
  checkpoints?: { key: CheckpointKey; file: string; intervalMs?: number };
};

export function buildAuditService(deps: AuditServiceDeps): FastifyInstance & { checkpointWriter?: CheckpointWriter } {
  const prisma = createAuditPrisma(deps.connectionString, deps.poolMax);
  const app = createService({
    name: "audit",
    tls: deps.tls,
    logLevel: deps.logLevel,
    isReady: async () => (await prisma.$queryRaw<unknown[]>`SELECT 1`).length === 1,
  });
  registerEventRoutes(app, { prisma, chainKey: deps.chainKey });
  registerChainRoutes(app, { prisma, chainKey: deps.chainKey, checkpoints: deps.checkpoints });
  const checkpoints = deps.checkpoints;
  let checkpointWriter: CheckpointWriter | undefined;
  if (checkpoints) app.addHook("onReady", async () => void (checkpointWriter = startCheckpointWriter({ prisma, ...checkpoints, logger: app.log })));
  app.addHook("onClose", async () => {
    await checkpointWriter?.stop();
    await prisma.$disconnect();
  });
  return Object.defineProperty(app, "checkpointWriter", { get: () => checkpointWriter });
}
