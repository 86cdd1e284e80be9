// Builds the audit service from its dependencies, so main.ts and tests start the same thing.
import type { FastifyInstance } from "fastify";
import { Registry } from "prom-client";
import { createService } from "../common/http/create-service";
import { createRefusalAudit, type RefusalAuditOptions } from "../common/http/refusal-audit";
import type { TlsFiles } from "../common/tls/server-tls";
import { installChainMetrics } from "./chain-metrics";
import type { CheckpointKey } from "./config/checkpoint-key";
import { createAuditPrisma } from "./db/prisma";
import { startCheckpointWriter, type CheckpointWriter } from "./domain/chain/checkpoint-writer";
import { appendEvents } from "./domain/events/append-events";
import { registerChainRoutes } from "./routes/chain";
import { registerDisclosureRoutes } from "./routes/disclosures";
import { registerEventRoutes } from "./routes/events";

export type AuditServiceDeps = {
  tls: TlsFiles;
  connectionString: string;
  poolMax: number;
  chainKey: Buffer;
  logLevel?: string;
  /** Signed checkpoints of the chain's head, written to `file` after appends (checkpoint-writer.ts). */
  checkpoints: { key: CheckpointKey; file: string; intervalMs?: number };
  /** The refusal audit's window and memory bound (tests shorten them). */
  refusalAudit?: RefusalAuditOptions;
};

export function buildAuditService(deps: AuditServiceDeps): FastifyInstance & { checkpointWriter?: CheckpointWriter } {
  const prisma = createAuditPrisma(deps.connectionString, deps.poolMax);
  // The audit service cannot send its own refusals through an outbox to itself: it appends them to its
  // own chain directly, in the same serialised transaction as every other append (as durable as any
  // event it stores), bounded by the same one-a-minute suppression as the access service's.
  const recordRefusal = createRefusalAudit("audit", async (event) => void (await appendEvents(prisma, deps.chainKey, [event])), deps.refusalAudit);
  const registry = new Registry();
  installChainMetrics(registry, prisma);
  const app = createService({
    name: "audit",
    registry,
    tls: deps.tls,
    logLevel: deps.logLevel,
    isReady: async () => (await prisma.$queryRaw<unknown[]>`SELECT 1`).length === 1,
    policy: { recordRefusal },
  });
  registerEventRoutes(app, { prisma, chainKey: deps.chainKey });
  registerDisclosureRoutes(app, { prisma });
  let checkpointWriter: CheckpointWriter | undefined;
  registerChainRoutes(app, { prisma, chainKey: deps.chainKey, checkpoints: deps.checkpoints, flushCheckpoints: async () => checkpointWriter?.flush() });
  app.addHook("onReady", async () => void (checkpointWriter = startCheckpointWriter({ prisma, ...deps.checkpoints, logger: app.log })));
  app.addHook("onClose", async () => {
    await checkpointWriter?.stop();
    await prisma.$disconnect();
  });
  return Object.defineProperty(app, "checkpointWriter", { get: () => checkpointWriter });
}
