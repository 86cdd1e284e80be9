// A fresh PostgreSQL database per test file on the server at TEST_POSTGRES_URL (default: the local
// one), dropped afterwards; without a reachable server, an embedded PGlite in a temporary folder.
import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";

const adminUrl = process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

export type TestDatabase = { url: string | undefined; embeddedDir: string; kind: "postgresql" | "pglite"; drop(): Promise<void> };

let serverReachable: boolean | undefined;
async function canReachServer(): Promise<boolean> {
  if (serverReachable !== undefined) return serverReachable;
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 2000 });
  serverReachable = await client.connect().then(() => true, () => false);
  await client.end().catch(() => {});
  if (!serverReachable) console.warn(`[tests] no PostgreSQL at ${adminUrl}: falling back to embedded PGlite`);
  return serverReachable;
}

/** `url` is undefined for PGlite: pass `embeddedDir` to openDatabase instead. */
export async function createTestDatabase(label: string): Promise<TestDatabase> {
  const embeddedDir = await fs.mkdtemp(path.join(os.tmpdir(), `tdb-`));
  if (!(await canReachServer())) {
    return { url: undefined, embeddedDir, kind: "pglite", drop: () => fs.rm(embeddedDir, { recursive: true, force: true }) };
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
    kind: "postgresql",
    drop: async () => {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`drop database if exists "${name}" with (force)`);
      await c.end();
      await fs.rm(embeddedDir, { recursive: true, force: true });
    },
  };
}
