// Builds the access service from its dependencies, so tests start exactly what production runs.
import type { Server } from "node:https";
import type { FastifyInstance } from "fastify";
import { Registry } from "prom-client";
import { createService } from "../common/http/create-service";
import { createRefusalAudit, type RefusalAuditOptions } from "../common/http/refusal-audit";
import { trackPeerConnections } from "../common/tls/peer-connections";
import type { TlsFiles } from "../common/tls/server-tls";
import { createAccessMetrics } from "./metrics/access-metrics";
import { installScrapeMetrics } from "./metrics/scrape-metrics";
import { recordEvent } from "./outbox/record-event";
import { feedRefusals } from "./detector/feed-refusals";
import { feedAdminActions } from "./routes/feed-admin-actions";
import type { AccessContext } from "./domain/context";
import { createAccessContext, type AccessContextDeps } from "./domain/create-access-context";
import { authRoutes } from "./routes/auth-routes";
import { passwordRoutes } from "./routes/password-routes";
import { catalogueRoutes } from "./routes/catalogue-routes";
import { certificateRoutes } from "./routes/certificate-routes";
import { activationRoutes } from "./routes/activation-routes";
import { dashboardRoutes } from "./routes/dashboard-routes";
import { licenseRoutes } from "./routes/license-routes";
import { oauthClientRoutes } from "./routes/oauth-client-routes";
import { oauthRoutes } from "./routes/oauth-routes";
import { operatorRoutes } from "./routes/operator-routes";
import { requestMeta } from "./routes/request-meta";
import { personAuthenticator } from "./routes/require-actor";
import { stepUpGuard } from "./routes/require-step-up";
import { mfaRoutes } from "./routes/mfa-routes";
import { tenantLifecycleRoutes } from "./routes/tenant-lifecycle-routes";
import { tenantRoutes } from "./routes/tenant-routes";
import { tierRoutes } from "./routes/tier-routes";
import { tokenLeakRoutes } from "./routes/token-leak-routes";
import { tokenRoutes } from "./routes/token-routes";
import { setupRoutes } from "./routes/setup-routes";
import { auditLogRoutes } from "./routes/audit-log-routes";
import { trustRoutes } from "./routes/trust-routes";
import { securityPlanRoutes } from "./routes/security-plan-routes";
import { securityInventoryRoutes } from "./routes/security-inventory-routes";
import { disclosureRoutes } from "./routes/disclosure-routes";
import { dispositionRoutes } from "./routes/disposition-routes";
import { incidentRoutes } from "./routes/incident-routes";
import { securityAlertRoutes } from "./routes/security-alert-routes";
import { storageRotationRoutes } from "./routes/storage-rotation-routes";
import { startRewrapWorker } from "./keys/rewrap-worker";
import type { RunOptions } from "./keys/rewrap-job";

export type AccessServiceDeps = AccessContextDeps & {
  tls: TlsFiles;
  logLevel?: string;
  /** Window, memory bound and clock of every audit event suppressed when repeated: refusals, validation failures, refused revocations (tests move the clock). */
  refusalAudit?: RefusalAuditOptions;
  /** The internal CA's index of issued certificates (public facts), for the Security page; absent: not shown. */
  certificateIndexFile?: string | null;
  /**
   * The background runner of storage key rotations (keys/rewrap-worker.ts): on by default (a job a stopped
   * process left resumes at start); false for tests that do not rotate, or its batch size, lease and poll interval.
   */
  rewrapWorker?: false | (Pick<RunOptions, "batchSize" | "leaseMs" | "followMs"> & { pollMs?: number });
};

export function buildAccessService(deps: AccessServiceDeps): { app: FastifyInstance; ctx: AccessContext } {
  // The product metrics share /metrics with the runtime's: counted on the hot paths, or read at scrape time.
  const registry = new Registry();
  const ctx = createAccessContext({ ...deps, metrics: createAccessMetrics(registry) });
  installScrapeMetrics(registry, {
    prisma: ctx.prisma,
    feed: deps.caches?.feed,
    caches: { license: ctx.licenseValidationCache, token: ctx.tokenCache, session: ctx.sessionCache },
  });
  const app = createService({
    name: "access",
    registry,
    tls: deps.tls,
    logLevel: deps.logLevel,
    isReady: async () => (await deps.prisma.$queryRaw<unknown[]>`select 1`).length === 1,
    // Every route's declared policy (contracts/access-policies.ts) runs before its input is read; its
    // refusals go through the outbox like every other event, at most one per caller, route and reason a minute.
    policy: {
      authenticatePerson: personAuthenticator(ctx),
      assertStepUp: stepUpGuard(ctx),
      recordRefusal: feedRefusals(ctx, createRefusalAudit("access", async (event) => void (await recordEvent(ctx.prisma, event)), deps.refusalAudit)),
      sourceIp: (request) => requestMeta(request).sourceIp,
    },
  });
  feedAdminActions(app, ctx);
  setupRoutes(app, ctx);
  authRoutes(app, ctx);
  passwordRoutes(app, ctx);
  mfaRoutes(app, ctx);
  operatorRoutes(app, ctx);
  tenantRoutes(app, ctx);
  tenantLifecycleRoutes(app, ctx);
  catalogueRoutes(app, ctx);
  tierRoutes(app, ctx);
  licenseRoutes(app, ctx, deps.refusalAudit);
  dashboardRoutes(app, ctx);
  certificateRoutes(app, ctx);
  activationRoutes(app, ctx, deps.refusalAudit);
  tokenRoutes(app, ctx);
  tokenLeakRoutes(app, ctx, deps.refusalAudit);
  oauthRoutes(app, ctx, deps.refusalAudit);
  oauthClientRoutes(app, ctx);
  // compliance (issue 9)
  auditLogRoutes(app, ctx);

  trustRoutes(app, ctx);

  securityPlanRoutes(app, ctx);
  securityInventoryRoutes(app, ctx, {
    certificates: { indexFile: deps.certificateIndexFile ?? null, crlFile: deps.tls.crlFile ?? null },
    peers: trackPeerConnections(app.server as Server),
    serverCertificateFile: deps.tls.certFile,
  });

  disclosureRoutes(app, ctx);

  dispositionRoutes(app, ctx);

  incidentRoutes(app, ctx);

  securityAlertRoutes(app, ctx);
  // A storage key rotation started from the console, or left unfinished by a stopped process, runs here.
  const rewrapWorker = deps.rewrapWorker === false ? null : startRewrapWorker(ctx.prisma, { keyring: ctx.keyring, file: ctx.keyringFile }, app.log, deps.rewrapWorker ?? {});
  storageRotationRoutes(app, ctx, { wake: () => rewrapWorker?.wake() });
  // Last-used times and accesses still in memory are written before the database client closes.
  app.addHook("onClose", async () => {
    await rewrapWorker?.stop(); // after the batch in progress; its lease is released for the next process
    await ctx.tokenUsage?.close();
    await ctx.licenseValidations?.close();
    await ctx.accessRecord?.close();
    await ctx.quotas?.close();
    await ctx.detector?.close();
  });
  return { app, ctx };
}
