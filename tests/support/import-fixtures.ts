// Helpers for the Django import and keyring tests: an access database of their own (closed while a CLI
// process uses it), a small catalogue, and Django exports written by Python the way the Django app does.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { migrate } from "../../services/common/db/migrate";
import { openDatabase, type Database } from "../../services/common/db/open-database";
import { createPrisma, type AccessPrisma } from "../../services/access/db/prisma";
import { newId } from "../../services/access/domain/secrets/ids";
import { accessMigrations } from "./start-access-service";
import { assertPythonFernetAvailable } from "./python-fernet";
import { createTestDatabase, type TestDatabase } from "./test-database";

const exportScript = path.resolve(import.meta.dirname, "../fixtures/django/make-django-export.py");

export type DjangoRow = {
  id: number;
  username: string;
  application: string;
  unique_id: string;
  license: string;
  active: boolean;
  expiration_date: string | null;
  form?: "base64" | "token";
  encrypted_at?: number;
};

/** Writes `csvName` in `dir` with Python's csv + cryptography; the key file is reused unless `newKey`. */
export function makeDjangoExport(dir: string, csvName: string, rows: DjangoRow[], options: { keyFile?: string; newKey?: boolean } = {}) {
  assertPythonFernetAvailable();
  const csvFile = path.join(dir, csvName);
  const keyFile = options.keyFile ?? path.join(dir, "fernet.key");
  execFileSync("python3", [exportScript, "--csv", csvFile, "--key-file", keyFile, ...(options.newKey ? ["--new-key"] : [])], { input: JSON.stringify(rows) });
  return { csvFile, keyFile };
}

/**
 * An access database for a test file. `dataDir` is laid out like an access service's ACCESS_DATA_DIR
 * (db/ for the embedded database when there is no PostgreSQL), so a CLI process can open it too.
 */
export async function openImportDatabase(label: string) {
  const testDb: TestDatabase = await createTestDatabase(label);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "tacc-"));
  let database: Database | null = null;
  let prisma: AccessPrisma | null = null;
  const open = async () => {
    database = await openDatabase({ url: testDb.url, embeddedDir: path.join(dataDir, "db") });
    prisma = createPrisma(database.connectionString, database.poolMax);
    return prisma;
  };
  await open();
  await migrate(database!.connectionString, accessMigrations);
  return {
    url: testDb.url,
    dataDir,
    get prisma(): AccessPrisma {
      if (!prisma) throw new Error("the database is closed (a CLI process has it)");
      return prisma;
    },
    /** Closes this process's handle (embedded PGlite admits one process), runs `fn`, reopens. */
    async whileClosed<T>(fn: () => Promise<T>): Promise<T> {
      await prisma?.$disconnect();
      await database?.close();
      prisma = null;
      try {
        return await fn();
      } finally {
        await open();
      }
    },
    async close() {
      await prisma?.$disconnect();
      await database?.close();
      await testDb.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Components reports, etl and surveys with one scope each; tier "standard" grants all, "etl-only" grants etl. */
export async function seedCatalogue(prisma: AccessPrisma) {
  const components: Record<string, string> = {};
  const scopes: Record<string, string> = {};
  for (const key of ["reports", "etl", "surveys"]) {
    components[key] = (await prisma.component.create({ data: { id: newId("cmp"), key, name: key } })).id;
    scopes[key] = (await prisma.scope.create({ data: { id: newId("scp"), key: `${key}:use`, componentId: components[key] } })).id;
  }
  const tier = (key: string, scopeIds: string[]) =>
    prisma.serviceTier.create({
      data: {
        id: newId("tier"),
        key,
        name: key,
        seats: 25,
        tokensPerLicense: 5,
        requestsPerMinute: 600,
        tokenDefaultTtlHours: 24,
        tokenMaxTtlHours: 720,
        scopes: { create: scopeIds.map((scopeId) => ({ scopeId })) },
      },
    });
  const standard = await tier("standard", Object.values(scopes));
  const etlOnly = await tier("etl-only", [scopes.etl]);
  return { components, standard, etlOnly };
}

export async function createTenant(prisma: AccessPrisma, slug: string) {
  return prisma.tenant.create({ data: { id: newId("ten"), slug, name: slug, kind: "district", districtState: "OR" } });
}
