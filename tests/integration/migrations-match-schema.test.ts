// Every schema's checked-in migrations must build exactly what its schema.prisma describes: a schema
// change without a migration (or a migration that drifts from the schema) fails here. The diff comes
// from Prisma's schema engine (WebAssembly build), after applying the migrations with our runner.
import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { diffSchemaToSql } from "@/cli/dev-tools/diff-schema";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

const root = path.resolve(import.meta.dirname, "../..");
const schemas = fs
  .readdirSync(path.join(root, "prisma"), { withFileTypes: true })
  .filter((d) => d.isDirectory() && fs.existsSync(path.join(root, "prisma", d.name, "schema.prisma")))
  .map((d) => d.name)
  .sort();

describe("migrations match schema.prisma", () => {
  let db: TestDatabase | undefined;
  afterEach(async () => {
    await db?.drop();
    db = undefined;
  });

  it("finds the schemas", () => {
    expect(schemas).toContain("access");
  });

  it.each(schemas)("%s", async (schema) => {
    const migrationsDir = path.join(root, "prisma", schema, "migrations");
    expect(fs.existsSync(migrationsDir), `prisma/${schema} has no migrations folder`).toBe(true);
    db = await createTestDatabase(`migrations_${schema}`);
    if (!db.url) throw new Error("This test needs a PostgreSQL server (TEST_POSTGRES_URL); the schema engine cannot read PGlite.");
    const sql = await diffSchemaToSql({ from: { migrationsDir }, to: path.join(root, "prisma", schema, "schema.prisma"), scratchUrl: db.url });
    expect(sql, `prisma/${schema}/schema.prisma differs from its migrations; run: npx tessera db migration ${schema} <name>`).toBe("");
  });
});
