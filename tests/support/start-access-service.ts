// Starts a real access service in-process for a test: its own database (PostgreSQL or PGlite),
// migrations, real TLS from a test CA, and mTLS clients for any identity. Options: the license validation
// cache (off by default, so a test's own writes are read back at once), and a second service on the
// database, keys and CA of a first one (several access processes on one PostgreSQL).
import { randomBytes } from "node:crypto";
import path from "node:path";
import type { FastifyInstance } from "fastify";
import { migrate } from "../../services/common/db/migrate";
import { openDatabase, type Database } from "../../services/common/db/open-database";
import { createMtlsClient } from "../../services/common/http/mtls-client";
import type { RefusalAuditOptions } from "../../services/common/http/refusal-audit";
import { createPrisma, type AccessPrisma } from "../../services/access/db/prisma";
import type { AccessContext, AccessSettings } from "../../services/access/domain/context";
import type { ChangeFeedOptions } from "../../services/access/cache/change-feed";
import type { DetectorOptions } from "../../services/access/detector/detector";
import { startValidationCache, type ValidationCacheRuntime } from "../../services/access/cache/start-validation-cache";
import { createKeyring, loadOrCreateKeyring } from "../../services/access/keys/storage-keyring";
import type { AccessServiceDeps } from "../../services/access/server";
import { buildAccessService } from "../../services/access/server";
import type { LicenseQuotaSetup } from "../../services/access/domain/quotas/license-quotas";
import { createTestDatabase, type TestDatabase } from "./test-database";
import { createTestPki, type TestPki } from "./test-pki";

export const accessMigrations = path.resolve(import.meta.dirname, "../../prisma/access/migrations");

export type AccessHarness = {
  url: string;
  app: FastifyInstance;
  ctx: AccessContext;
  prisma: AccessPrisma;
  pki: TestPki;
  testDb: TestDatabase;
  /** The validation cache and its change feed, when started with `validationCache`. */
  validationCache: ValidationCacheRuntime | null;
  /** A JSON client presenting `identity`'s certificate (issued on first use). */
  as(identity: string): Promise<ReturnType<typeof createMtlsClient>>;
  close(): Promise<void>;
};

export type AccessServiceOptions = {
  /** Start the license validation cache (true, or change-feed timings); needs PostgreSQL. */
  validationCache?: boolean | Omit<ChangeFeedOptions, "connectionString" | "logger">;
  /** Share this running service's database, keys and CA instead of creating them; closing leaves them. */
  sameDatabaseAs?: AccessHarness;
  /** The clock of the license rules (tests/support/test-clock.ts); default: the system's. */
  now?: () => Date;
  /** The refusal audit's window, memory bound or clock. */
  refusalAudit?: RefusalAuditOptions;
  /** The record of accesses to districts' data (services/access/domain/disclosures/access-record.ts): off, or its flush interval. */
  accessRecord?: { enabled?: boolean; flushIntervalMs?: number };
  /** The service's log level (default silent): a test that reads the request log (on stdout) raises it. */
  logLevel?: string;
  /** Request-rate quotas: off (false), or their setup; default: enforced, shared through PostgreSQL (in memory on PGlite), idle slices returned only by sweep(). */
  quotas?: LicenseQuotaSetup | false;
  /** The anomaly detector: its options (tests drain it themselves), or absent: not running. */
  detector?: DetectorOptions;
  /** A file-backed keyring (created if missing), which storage key rotations can add versions to; default: a fixed one in memory. */
  keyringFile?: string;
  /** The background runner of storage key rotations; default off (false). */
  rewrapWorker?: AccessServiceDeps["rewrapWorker"];
};

const silentLogger = { info() {}, warn() {} };

export async function startAccessService(label: string, settings: Partial<AccessSettings> = {}, options: AccessServiceOptions = {}): Promise<AccessHarness> {
  const first = options.sameDatabaseAs;
  if (first && !first.testDb.url) throw new Error("A second service on the same database needs PostgreSQL.");
  const pki = first?.pki ?? (await createTestPki());
  const testDb = first?.testDb ?? (await createTestDatabase(label));
  const database: Database = await openDatabase({ url: testDb.url, embeddedDir: testDb.embeddedDir });
  await migrate(database.connectionString, accessMigrations);
  const prisma = createPrisma(database.connectionString, database.poolMax);
  const keysDir = path.join(testDb.embeddedDir, "keys");
  const feedOptions = typeof options.validationCache === "object" ? options.validationCache : {};
  const validationCache = options.validationCache
    ? startValidationCache({ connectionString: database.connectionString, embedded: database.embedded, logger: silentLogger, feed: feedOptions })
    : null;
  const { app, ctx } = buildAccessService({
    tls: await pki.issue("access"),
    certificateIndexFile: pki.files.index,
    prisma,
    secretDigestKey: first?.ctx.keys.secretDigest ?? randomBytes(32),
    keyring: options.keyringFile ? loadOrCreateKeyring(options.keyringFile) : (first?.ctx.keyring ?? createKeyring(1, new Map([[1, randomBytes(32)]]))),
    keyringFile: options.keyringFile ?? null,
    rewrapWorker: options.rewrapWorker ?? false,
    keysDir,
    settings: { publicUrl: "http://127.0.0.1:3000", sessionIdleMinutes: 30, sessionAbsoluteHours: 12, setupLinkMinutes: 30, policyNoticeDays: 30, ...settings },
    logLevel: options.logLevel ?? "silent",
    caches: validationCache,
    now: options.now,
    refusalAudit: options.refusalAudit,
    accessRecord: options.accessRecord,
    detector: options.detector ?? false,
    quotas: options.quotas ?? { store: database.embedded ? "memory" : "postgres", sweepIntervalMs: 0 },
  });
  await app.listen({ host: "127.0.0.1", port: 0 });
  const url = `https://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  const clients: ReturnType<typeof createMtlsClient>[] = [];
  const issued = new Set<string>();
  return {
    url, app, ctx, prisma, pki, testDb, validationCache,
    async as(identity) {
      if (!issued.has(identity)) {
        await pki.issue(identity);
        issued.add(identity);
      }
      const client = createMtlsClient(url, await pki.client(identity));
      clients.push(client);
      return client;
    },
    async close() {
      await Promise.all(clients.map((c) => c.close()));
      await app.close();
      await validationCache?.close();
      await prisma.$disconnect();
      await database.close();
      if (first) return; // the first service owns the database and the CA
      await testDb.drop();
      await pki.remove();
    },
  };
}
