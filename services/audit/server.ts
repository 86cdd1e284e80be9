// Builds the audit service from its dependencies, so main.ts and tests start the same thing.
import type { FastifyInstance } from "fastify";
import { createService } from "../common/http/create-service";
import type { TlsFiles } from "../common/tls/server-tls";
import { createAuditPrisma } from "./db/prisma";
import { registerChainRoutes } from "./routes/chain";
import { registerEventRoutes } from "./routes/events";

export type AuditServiceDeps = {
  tls: TlsFiles;
  connectionString: string;
  poolMax: number;
  chainKey: Buffer;
  logLevel?: string;
};

export function buildAuditService(deps: AuditServiceDeps): FastifyInstance {
  const prisma = createAuditPrisma(deps.connectionString, deps.poolMax);
  const app = createService({
    name: "audit",
    tls: deps.tls,
    logLevel: deps.logLevel,
    isReady: async () => (await prisma.$queryRaw<unknown[]>`SELECT 1`).length === 1,
  });
  registerEventRoutes(app, { prisma, chainKey: deps.chainKey });
  registerChainRoutes(app, { prisma, chainKey: deps.chainKey });
  app.addHook("onClose", async () => prisma.$disconnect());
  return app;
}
