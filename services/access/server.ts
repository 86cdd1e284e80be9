// Builds the access service from its dependencies, so tests start exactly what production runs.
import type { FastifyInstance } from "fastify";
import { createService } from "../common/http/create-service";
import type { TlsFiles } from "../common/tls/server-tls";
import type { AccessPrisma } from "./db/prisma";
import { createSignInThrottle } from "./domain/auth/sign-in-throttle";
import type { AccessContext, AccessSettings } from "./domain/context";
import { authRoutes } from "./routes/auth-routes";
import { operatorRoutes } from "./routes/operator-routes";
import { setupRoutes } from "./routes/setup-routes";

export type AccessServiceDeps = {
  tls: TlsFiles;
  prisma: AccessPrisma;
  secretDigestKey: Buffer;
  settings: AccessSettings;
  logLevel?: string;
};

export function buildAccessService(deps: AccessServiceDeps): { app: FastifyInstance; ctx: AccessContext } {
  const ctx: AccessContext = {
    prisma: deps.prisma,
    keys: { secretDigest: deps.secretDigestKey },
    settings: deps.settings,
    throttle: createSignInThrottle(deps.prisma),
  };
  const app = createService({
    name: "access",
    tls: deps.tls,
    logLevel: deps.logLevel,
    isReady: async () => (await deps.prisma.$queryRaw<unknown[]>`select 1`).length === 1,
  });
  setupRoutes(app, ctx);
  authRoutes(app, ctx);
  operatorRoutes(app, ctx);
  return { app, ctx };
}
