// Starts a real access service in-process for a test: its own database (PostgreSQL or PGlite),
// migrations, real TLS from a test CA, and mTLS clients for any identity.
import { randomBytes } from "node:crypto";
import path from "node:path";
import type { FastifyInstance } from "fastify";
import { migrate } from "../../services/common/db/migrate";
import { openDatabase, type Database } from "../../services/common/db/open-database";
import { createMtlsClient } from "../../services/common/http/mtls-client";
import { createPrisma, type AccessPrisma } from "../../services/access/db/prisma";
import type { AccessContext, AccessSettings } from "../../services/access/domain/context";
import { createKeyring } from "../../services/access/keys/storage-keyring";
import { buildAccessService } from "../../services/access/server";
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
  /** A JSON client presenting `identity`'s certificate (issued on first use). */
  as(identity: string): Promise<ReturnType<typeof createMtlsClient>>;
  close(): Promise<void>;
};

export async function startAccessService(label: string, settings: Partial<AccessSettings> = {}): Promise<AccessHarness> {
  const pki = await createTestPki();
  const testDb = await createTestDatabase(label);
  const database: Database = await openDatabase({ url: testDb.url, embeddedDir: testDb.embeddedDir });
  await migrate(database.connectionString, accessMigrations);
  const prisma = createPrisma(database.connectionString, database.poolMax);
  const keysDir = path.join(testDb.embeddedDir, "keys");
  const { app, ctx } = buildAccessService({
    tls: await pki.issue("access"),
    prisma,
    secretDigestKey: randomBytes(32),
    keyring: createKeyring(1, new Map([[1, randomBytes(32)]])),
    keysDir,
    settings: { publicUrl: "http://127.0.0.1:3000", sessionIdleMinutes: 30, sessionAbsoluteHours: 12, setupLinkMinutes: 30, ...settings },
    logLevel: "silent",
  });
  await app.listen({ host: "127.0.0.1", port: 0 });
  const url = `https://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  const clients: ReturnType<typeof createMtlsClient>[] = [];
  const issued = new Set<string>();
  return {
    url, app, ctx, prisma, pki, testDb,
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
      await prisma.$disconnect();
      await database.close();
      await testDb.drop();
      await pki.remove();
    },
  };
}
