// Builds the audit service from its dependencies, so main.ts and tests start the same thing.
import type { FastifyInstance } from "fastify";
import { createService } from "../common/http/create-service";
import { createRefusalAudit, type RefusalAuditOptions } from "../common/http/refusal-audit";
import type { TlsFiles } from "../common/tls/server-tls";
import { createAuditPrisma } from "./db/prisma";
import { appendEvents } from "./domain/events/append-events";
import { registerChainRoutes } from "./routes/chain";
import { registerEventRoutes } from "./routes/events";

export type AuditServiceDeps = {
  tls: TlsFiles;
  connectionString: string;
  poolMax: number;
  chainKey: Buffer;
  logLevel?: string;
  /** The refusal audit's window and memory bound (tests shorten them). */
  refusalAudit?: RefusalAuditOptions;
};

export function buildAuditService(deps: AuditServiceDeps): FastifyInstance {
  const prisma = createAuditPrisma(deps.connectionString, deps.poolMax);
  // The audit service cannot send its own refusals through an outbox to itself: it appends them to its
  // own chain directly, in the same serialised transaction as every other append (as durable as any
  // event it stores), bounded by the same one-a-minute suppression as the access service's.
  const recordRefusal = createRefusalAudit("audit", async (event) => void (await appendEvents(prisma, deps.chainKey, [event])), deps.refusalAudit);
  const app = createService({
    name: "audit",
    tls: deps.tls,
    logLevel: deps.logLevel,
    isReady: async () => (await prisma.$queryRaw<unknown[]>`SELECT 1`).length === 1,
    policy: { recordRefusal },
  });
  registerEventRoutes(app, { prisma, chainKey: deps.chainKey });
  registerChainRoutes(app, { prisma, chainKey: deps.chainKey });
  app.addHook("onClose", async () => prisma.$disconnect());
  return app;
}
