// A fresh PostgreSQL database per test file (or per end-to-end run) on the server at TEST_POSTGRES_URL
// (default: the local one), dropped afterwards. A missing server fails the run: embedded PGlite is used
// only when TEST_DATABASE=pglite asks for it, never as a silent fallback.
import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";

const adminUrl = process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

export type TestDatabaseKind = "postgresql" | "pglite";
export type TestDatabase = { url: string | undefined; embeddedDir: string; kind: TestDatabaseKind; drop(): Promise<void> };

/** Which database the tests run on: PostgreSQL unless TEST_DATABASE=pglite; any other value is a mistake, not a default. */
export function testDatabaseKind(env: Record<string, string | undefined> = process.env): TestDatabaseKind {
  const asked = env.TEST_DATABASE ?? "postgresql";
  if (asked === "postgresql" || asked === "pglite") return asked;
  throw new Error(`TEST_DATABASE must be "postgresql" (the default) or "pglite", not "${asked}"`);
}

let serverChecked: Promise<void> | undefined;
function assertServerReachable(): Promise<void> {
  serverChecked ??= (async () => {
    const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 5000 });
    try {
      await client.connect();
    } catch (e) {
      throw new Error(
        `No PostgreSQL at ${redact(adminUrl)} (${e instanceof Error ? e.message : String(e)}). ` +
          "Start it, point TEST_POSTGRES_URL at one, or set TEST_DATABASE=pglite to run on embedded PGlite instead.",
      );
    } finally {
      await client.end().catch(() => {});
    }
  })();
  return serverChecked;
}

const redact = (url: string) => url.replace(/\/\/([^:@/]+):[^@/]*@/, "//$1:***@");

/** `url` is undefined for PGlite: pass `embeddedDir` to openDatabase instead. `embeddedDir` is a fresh temporary folder either way. */
export async function createTestDatabase(label: string): Promise<TestDatabase> {
  const kind = testDatabaseKind();
  if (kind === "postgresql") await assertServerReachable();
  const embeddedDir = await fs.mkdtemp(path.join(os.tmpdir(), `tdb-`));
  if (kind === "pglite") {
    return { url: undefined, embeddedDir, kind, drop: () => fs.rm(embeddedDir, { recursive: true, force: true }) };
  }
  const name = `tessera_test_${label.replace(/\W/g, "_")}_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database "${name}"`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    embeddedDir,
    kind,
    drop: async () => {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`drop database if exists "${name}" with (force)`);
      await c.end();
      await fs.rm(embeddedDir, { recursive: true, force: true });
    },
  };
}
