// Writes the next SQL migration of a schema: prisma/<schema>/migrations/<NNNN>_<name>/migration.sql,
// holding the diff from what the existing migrations build to what schema.prisma describes.
// Also runnable alone: npx tsx cli/dev-tools/new-migration.ts <schema> <name>
import fs from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { diffSchemaToSql } from "./diff-schema";

const repoRoot = path.resolve(import.meta.dirname, "../..");

export type NewMigrationResult = { dir: string; file: string; sql: string };

export async function newMigration(schemaName: string, name: string, root = repoRoot): Promise<NewMigrationResult> {
  if (!/^[a-z][a-z0-9_]*$/.test(schemaName)) throw new Error(`Invalid schema name "${schemaName}".`);
  const slug = name.trim().toLowerCase().replace(/[^a-z0-9]+/g, "_").replace(/^_+|_+$/g, "");
  if (!slug) throw new Error(`Invalid migration name "${name}": use letters, digits and underscores.`);
  const schemaPath = path.join(root, "prisma", schemaName, "schema.prisma");
  await fs.access(schemaPath).catch(() => {
    throw new Error(`No schema at ${path.relative(root, schemaPath)}.`);
  });
  const migrationsDir = path.join(root, "prisma", schemaName, "migrations");

  const sql = await diffSchemaToSql({ from: { migrationsDir }, to: schemaPath });
  if (!sql.trim()) throw new Error(`prisma/${schemaName}/schema.prisma already matches its migrations; no migration written.`);

  const existing = await fs.readdir(migrationsDir).catch(() => [] as string[]);
  const numbers = existing.map((d) => /^(\d{4})_/.exec(d)?.[1]).filter((n): n is string => !!n).map(Number);
  const next = String(Math.max(0, ...numbers) + 1).padStart(4, "0");
  const dir = path.join(migrationsDir, `${next}_${slug}`);
  const file = path.join(dir, "migration.sql");
  await fs.mkdir(dir, { recursive: true });
  await fs.writeFile(file, sql, { flag: "wx" });
  return { dir, file, sql };
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const [schemaName, name] = process.argv.slice(2);
  if (!schemaName || !name) {
    console.error("usage: npx tsx cli/dev-tools/new-migration.ts <schema> <name>");
    process.exit(2);
  }
  newMigration(schemaName, name).then(
    ({ file }) => console.log(`Wrote ${path.relative(process.cwd(), file)}`),
    (e: Error) => {
      console.error(e.message);
      process.exit(1);
    },
  );
}
