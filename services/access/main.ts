// Entry point of the access service process.
import path from "node:path";
import { closeOnSignals } from "../common/http/create-service";
import { serviceIdentities } from "../../contracts/identities";
import { createWatchedMtlsClient } from "../common/http/mtls-client";
import { tlsFilesFromEnv } from "../common/config/load-env";
import { migrate } from "../common/db/migrate";
import { openDatabase } from "../common/db/open-database";
import { embeddedNoCacheMessage, startValidationCache } from "./cache/start-validation-cache";
import { loadAccessConfig } from "./config";
import { createPrisma } from "./db/prisma";
import { minHistoryPerKind, startModelSchedule } from "./detector/sequence/model-training";
import { ensureDefaultCatalogue } from "./domain/catalogue/ensure-default-catalogue";
import { ensureTrustDocuments } from "./domain/trust/ensure-trust-documents";
import { startExpirySweep } from "./domain/licenses/expiry-sweep";
import { startSelfCheckSchedule } from "./domain/security-plan/self-check-schedule";
import { selfCheckSetup } from "./domain/security-plan/self-check-setup";
import { issueSetupLinkIfNeeded } from "./domain/setup/issue-setup-link";
import { loadOrCreateKey } from "./keys/key-files";
import { keyringFromEnvironment, loadOrCreateKeyring } from "./keys/storage-keyring";
import { startOutboxRelay } from "./outbox/relay";
import { buildAccessService } from "./server";
import { startTelemetry } from "../../observability/telemetry.mjs";

const config = loadAccessConfig();
// First: the traces and error reports of everything below (each on only when configured).
const telemetry = await startTelemetry({ service: "access" });
const migrationsDir = path.resolve(import.meta.dirname, "../../prisma/access/migrations");

const database = await openDatabase({ url: config.ACCESS_DATABASE_URL, embeddedDir: path.join(config.ACCESS_DATA_DIR, "db") });
await migrate(database.connectionString, migrationsDir);
const prisma = createPrisma(database.connectionString, database.poolMax);
const tls = tlsFilesFromEnv(config);
// Only the audit service's certificate is accepted; a renewed client certificate or a new CRL is picked
// up within a second, and connections to an audit server whose certificate is revoked are dropped.
const auditClient = createWatchedMtlsClient(config.AUDIT_URL, config.auditClientTls, {
  serverIdentity: serviceIdentities.audit,
  onError: (err) => app.log.error({ err }, "audit client TLS material could not be reloaded; keeping the previous one"),
});
// Logs through the service's logger, which exists once built (the feed logs only after connecting).
const validationCache = startValidationCache({
  connectionString: database.connectionString,
  embedded: database.embedded,
  logger: { info: (details, message) => app.log.info(details, message), warn: (details, message) => app.log.warn(details, message) },
});
const keyring = config.ACCESS_KEYRING ? keyringFromEnvironment(config.ACCESS_KEYRING) : loadOrCreateKeyring(config.keyringFile);
// The web tier's environment is not visible from here: `tessera selfcheck` checks it where it is declared.
const selfCheck = selfCheckSetup(config, { keyring });
const { app, ctx } = buildAccessService({
  tls,
  prisma,
  secretDigestKey: loadOrCreateKey(config.secretDigestKeyFile),
  keyring,
  keyringFile: config.ACCESS_KEYRING ? null : config.keyringFile,
  keysDir: config.keysDir,
  auditClient,
  settings: config.settings,
  logLevel: config.LOG_LEVEL,
  caches: validationCache,
  selfCheck,
  certificateIndexFile: config.TLS_CERTIFICATE_INDEX_FILE ?? null,
  // Several access processes share PostgreSQL's window budgets; the embedded database has one process, counted exactly in memory.
  quotas:
    config.REQUEST_QUOTAS === "off"
      ? false
      : {
          store: database.embedded ? "memory" : "postgres",
          onStoreDown: (err) => app.log.warn({ err }, "request quota store unreachable; limiting this process alone until it answers"),
          onStoreBack: () => app.log.info("request quota store answers again; limits are shared across processes"),
          onFlushError: (err) => app.log.warn({ err }, "rate-limited counts not written; kept for the next flush"),
        },
  // Watches sign-ins and token use off the hot path; responds as each tenant's setting says (shadow: record only).
  detector: config.DETECTOR === "off" ? false : { log: (err, message) => app.log.warn({ err }, message), model: { history: config.DETECTOR_MODEL_RETRAIN_HOURS === 0 ? false : {} } },
});
// The detector's sequence models, retrained on the recorded history in a worker thread when due (one process at a time).
const modelSchedule =
  config.DETECTOR === "off"
    ? null
    : startModelSchedule(prisma, {
        connectionString: database.connectionString,
        retrainHours: config.DETECTOR_MODEL_RETRAIN_HOURS,
        minHistory: minHistoryPerKind,
        onTrained: (outcome) => {
          ctx.detector?.modelsChanged();
          app.log.info({ outcome }, "detector sequence models trained");
        },
        log: (err, message) => app.log.warn({ err }, message),
      });


const relay = startOutboxRelay({ prisma, auditClient, logger: app.log });
const expirySweep = startExpirySweep(ctx, app.log);
const selfCheckSchedule = startSelfCheckSchedule(ctx, selfCheck, { intervalMinutes: config.SELFCHECK_INTERVAL_MINUTES, logger: app.log });

closeOnSignals(app, async () => {
  // Deliver what is pending if the audit service answers quickly; whatever remains waits in the outbox.
  await Promise.race([relay.flush(), new Promise((resolve) => setTimeout(resolve, 3000))]);
  await expirySweep.stop();
  await selfCheckSchedule.stop();
  await modelSchedule?.stop();
  await relay.stop();
  await validationCache?.close();
  await auditClient.close();
  await prisma.$disconnect();
  await database.close();
  await telemetry.shutdown();
});

await app.listen({ host: config.ACCESS_HOST, port: config.ACCESS_PORT });
app.log.info({ url: `https://${config.ACCESS_HOST}:${config.ACCESS_PORT}`, database: database.embedded ? "embedded" : "postgresql" }, "access service listening");
if (!validationCache) app.log.info(embeddedNoCacheMessage);
await ensureDefaultCatalogue(ctx); // first start: the vendor's components, scopes and two example tiers
await ensureTrustDocuments(ctx); // first start: version 1 of the trust page's documents

const link = await issueSetupLinkIfNeeded(ctx);
if (link) {
  app.log.warn({ setupUrl: link.url, expiresAt: link.expiresAt.toISOString() }, "No administrator yet: open the setup link to create the first one (single use)");
}
