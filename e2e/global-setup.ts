// Starts the whole system (audit, access, web) once for the run on fresh ports with a temporary data
// folder and two fresh PostgreSQL databases (created and dropped for the run, so the browser tests cross
// the notification-fed caches), or uses one already running (TESSERA_E2E_WEB_URL + TESSERA_E2E_SETUP_LINK).
// TEST_DATABASE=pglite runs it on the embedded databases instead. Addresses reach the tests through
// environment variables, which Playwright's workers inherit.
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { FullConfig } from "@playwright/test";
import { startSystem } from "../cli/launcher/start-system";
import { createTestDatabase, testDatabaseKind } from "../tests/support/test-database";

export default async function globalSetup(_config: FullConfig): Promise<(() => Promise<void>) | void> {
  if (process.env.TESSERA_E2E_WEB_URL) return;

  const kind = testDatabaseKind();
  const databases = [await createTestDatabase("e2e_access"), await createTestDatabase("e2e_audit")];
  const [accessDb, auditDb] = databases;
  const dropDatabases = () => Promise.all(databases.map((d) => d.drop()));
  const home = await fs.mkdtemp(path.join(os.tmpdir(), "tessera-e2e-"));
  let system: Awaited<ReturnType<typeof startSystem>>;
  try {
    system = await startSystem({ home, ports: { web: 0, access: 0, audit: 0 }, accessDatabaseUrl: accessDb.url, auditDatabaseUrl: auditDb.url });
    await assertAccessDatabase(home, kind);
  } catch (e) {
    await dropDatabases();
    throw e;
  }
  process.env.TESSERA_E2E_WEB_URL = system.webUrl;
  process.env.TESSERA_E2E_SETUP_LINK = system.setupLink ?? "";
  // The services' logs (logs/web.log, logs/access.log), for specs that prove a secret never reaches them.
  process.env.TESSERA_E2E_HOME = home;
  process.env.TESSERA_E2E_WEB_PID = String(system.children.find((c) => c.name === "web")?.process.pid ?? "");
  // Playwright runs a function returned by globalSetup as the global teardown.
  return async () => {
    await system.stop();
    await dropDatabases();
    if (!process.env.TESSERA_E2E_KEEP_HOME) await fs.rm(home, { recursive: true, force: true });
  };
}

/** The access service says which database it opened when it starts listening: make sure it is the one asked for. */
async function assertAccessDatabase(home: string, kind: "postgresql" | "pglite") {
  const log = await fs.readFile(path.join(home, "logs", "access.log"), "utf8");
  const entries = log.split("\n").map((l): { message?: string; tessera?: { database?: string } } => {
    try {
      return JSON.parse(l);
    } catch {
      return {};
    }
  });
  const listening = entries.find((e) => e.message === "access service listening")?.tessera?.database;
  const expected = kind === "postgresql" ? "postgresql" : "embedded";
  if (listening !== expected) throw new Error(`the access service opened ${listening ?? "an unknown"} database, not ${expected}; see ${home}/logs/access.log`);
}
