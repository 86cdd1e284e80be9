// Applies the checked-in SQL migrations of one schema (prisma/<schema>/migrations/*/migration.sql) in
// order, each in its own transaction, under an advisory lock so that several processes may start at once.
import { createHash } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import pg from "pg";

export type MigrationResult = { applied: string[]; alreadyApplied: number };

export async function listMigrations(migrationsDir: string) {
  const names = (await fs.readdir(migrationsDir, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name).sort();
  return Promise.all(
    names.map(async (name) => {
      const sql = await fs.readFile(path.join(migrationsDir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    }),
  );
}

export async function migrate(connectionString: string, migrationsDir: string): Promise<MigrationResult> {
  const migrations = await listMigrations(migrationsDir);
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await client.query("select pg_advisory_lock(7201)");
    await client.query(
      `create table if not exists "_tessera_migrations" (name text primary key, checksum text not null, applied_at timestamptz not null default now())`,
    );
    const { rows } = await client.query<{ name: string; checksum: string }>(`select name, checksum from "_tessera_migrations"`);
    const done = new Map(rows.map((r) => [r.name, r.checksum]));
    const applied: string[] = [];
    for (const m of migrations) {
      const previous = done.get(m.name);
      if (previous) {
        if (previous !== m.checksum) throw new Error(`Migration ${m.name} was changed after it was applied; add a new migration instead.`);
        continue;
      }
      await client.query("begin");
      try {
        await client.query(m.sql);
        await client.query(`insert into "_tessera_migrations"(name, checksum) values ($1, $2)`, [m.name, m.checksum]);
        await client.query("commit");
      } catch (e) {
        await client.query("rollback");
        throw new Error(`Migration ${m.name} failed: ${(e as Error).message}`);
      }
      applied.push(m.name);
    }
    return { applied, alreadyApplied: migrations.length - applied.length };
  } finally {
    await client.query("select pg_advisory_unlock(7201)").catch(() => {});
    await client.end();
  }
}

/**
 * The checked-in migrations the database has not applied (or applied in another form), read without
 * changing anything: for commands that must not alter the schema (the import), which refuse to run on it.
 */
export async function pendingMigrations(connectionString: string, migrationsDir: string): Promise<string[]> {
  const migrations = await listMigrations(migrationsDir);
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    const { rows: table } = await client.query<{ present: boolean }>(`select to_regclass('"_tessera_migrations"') is not null as present`);
    if (!table[0]?.present) return migrations.map((m) => m.name);
    const { rows } = await client.query<{ name: string; checksum: string }>(`select name, checksum from "_tessera_migrations"`);
    const done = new Map(rows.map((r) => [r.name, r.checksum]));
    return migrations.filter((m) => done.get(m.name) !== m.checksum).map((m) => m.name);
  } finally {
    await client.end();
  }
}
