// Builds the access service from its dependencies, so tests start exactly what production runs.
import type { FastifyInstance } from "fastify";
import { createService } from "../common/http/create-service";
import { createRefusalAudit, type RefusalAuditOptions } from "../common/http/refusal-audit";
import type { TlsFiles } from "../common/tls/server-tls";
import type { ValidationCacheRuntime } from "./cache/start-validation-cache";
import type { AccessPrisma } from "./db/prisma";
import type { StorageKeyring } from "./keys/storage-keyring";
import { createDataKeyCache } from "./keys/tenant-data-keys";
import type { AuditClient } from "./outbox/deliver-batch";
import { recordEvent } from "./outbox/record-event";
import { createSignInThrottle } from "./domain/auth/sign-in-throttle";
import { createTokenUsage } from "./domain/tokens/token-usage";
import { createAccessRecord } from "./domain/disclosures/access-record";
import type { AccessContext, AccessSettings } from "./domain/context";
import type { SelfCheckSetup } from "./domain/security-plan/run-self-checks";
import { authRoutes } from "./routes/auth-routes";
import { catalogueRoutes } from "./routes/catalogue-routes";
import { certificateRoutes } from "./routes/certificate-routes";
import { licenseRoutes } from "./routes/license-routes";
import { oauthClientRoutes } from "./routes/oauth-client-routes";
import { oauthRoutes } from "./routes/oauth-routes";
import { operatorRoutes } from "./routes/operator-routes";
import { requestMeta } from "./routes/request-meta";
import { personAuthenticator } from "./routes/require-actor";
import { tenantLifecycleRoutes } from "./routes/tenant-lifecycle-routes";
import { tenantRoutes } from "./routes/tenant-routes";
import { tierRoutes } from "./routes/tier-routes";
import { tokenRoutes } from "./routes/token-routes";
import { setupRoutes } from "./routes/setup-routes";
import { auditLogRoutes } from "./routes/audit-log-routes";
import { trustRoutes } from "./routes/trust-routes";
import { securityPlanRoutes } from "./routes/security-plan-routes";
import { disclosureRoutes } from "./routes/disclosure-routes";
import { dispositionRoutes } from "./routes/disposition-routes";
import { incidentRoutes } from "./routes/incident-routes";

export type AccessServiceDeps = {
  tls: TlsFiles;
  prisma: AccessPrisma;
  secretDigestKey: Buffer;
  keyring: StorageKeyring;
  keysDir: string;
  auditClient?: AuditClient | null;
  settings: AccessSettings;
  logLevel?: string;
  /** The change feed's caches (services/access/cache/start-validation-cache.ts); absent: every check reads the database. */
  caches?: Pick<ValidationCacheRuntime, "cache" | "tokenCache" | "sessionCache"> | null;
  /** How often noted last-used times are written (default 30 s). */
  tokenUsageFlushMs?: number;
  /** Accesses to a district's data recorded for its record of disclosures (default on), and how often they are written (default 5 s). */
  accessRecord?: { enabled?: boolean; flushIntervalMs?: number };
  /** The clock of the license rules (default: the system's); tests pass one they move. */
  now?: () => Date;
  /** Window, memory bound and clock of every audit event suppressed when repeated: refusals, validation failures, refused revocations (tests move the clock). */
  refusalAudit?: RefusalAuditOptions;
  /** What the security plan's self-checks look at; absent: they cannot be run from this service. */
  selfCheck?: SelfCheckSetup | null;
};

export function buildAccessService(deps: AccessServiceDeps): { app: FastifyInstance; ctx: AccessContext } {
  const ctx: AccessContext = {
    prisma: deps.prisma,
    keys: { secretDigest: deps.secretDigestKey },
    keyring: deps.keyring,
    dataKeys: createDataKeyCache(),
    keysDir: deps.keysDir,
    auditClient: deps.auditClient ?? null,
    settings: deps.settings,
    throttle: createSignInThrottle(deps.prisma),
    licenseValidationCache: deps.caches?.cache ?? null,
    tokenCache: deps.caches?.tokenCache ?? null,
    sessionCache: deps.caches?.sessionCache ?? null,
    tokenUsage: createTokenUsage(deps.prisma, { flushIntervalMs: deps.tokenUsageFlushMs }),
    accessRecord: deps.accessRecord?.enabled === false ? null : createAccessRecord(deps.prisma, { flushIntervalMs: deps.accessRecord?.flushIntervalMs }),
    now: deps.now ?? (() => new Date()),
    selfCheck: deps.selfCheck ?? null,
  };
  const app = createService({
    name: "access",
    tls: deps.tls,
    logLevel: deps.logLevel,
    isReady: async () => (await deps.prisma.$queryRaw<unknown[]>`select 1`).length === 1,
    // Every route's declared policy (contracts/access-policies.ts) runs before its input is read; its
    // refusals go through the outbox like every other event, at most one per caller, route and reason a minute.
    policy: {
      authenticatePerson: personAuthenticator(ctx),
      recordRefusal: createRefusalAudit("access", async (event) => void (await recordEvent(ctx.prisma, event)), deps.refusalAudit),
      sourceIp: (request) => requestMeta(request).sourceIp,
    },
  });
  setupRoutes(app, ctx);
  authRoutes(app, ctx);
  operatorRoutes(app, ctx);
  tenantRoutes(app, ctx);
  tenantLifecycleRoutes(app, ctx);
  catalogueRoutes(app, ctx);
  tierRoutes(app, ctx);
  licenseRoutes(app, ctx, deps.refusalAudit);
  certificateRoutes(app, ctx);
  tokenRoutes(app, ctx);
  oauthRoutes(app, ctx, deps.refusalAudit);
  oauthClientRoutes(app, ctx);
  // compliance (issue 9)
  auditLogRoutes(app, ctx);

  trustRoutes(app, ctx);

  securityPlanRoutes(app, ctx);

  disclosureRoutes(app, ctx);

  dispositionRoutes(app, ctx);

  incidentRoutes(app, ctx);
  // Last-used times and accesses still in memory are written before the database client closes.
  app.addHook("onClose", async () => {
    await ctx.tokenUsage?.close();
    await ctx.accessRecord?.close();
  });
  return { app, ctx };
}
