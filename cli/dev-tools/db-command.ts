// `tessera db generate|migration`: Prisma clients and SQL migrations, without Prisma's native engine.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { repoRoot } from "../home";

export const schemas = ["access", "audit"] as const;

export async function run(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === "generate") {
    for (const schema of schemas) {
      // `generate` never needs the schema engine; pointing at a stub stops Prisma from downloading one.
      const result = spawnSync(process.execPath, [path.join(repoRoot, "node_modules/prisma/build/index.js"), "generate", "--schema", `prisma/${schema}/schema.prisma`], {
        cwd: repoRoot,
        stdio: ["ignore", "inherit", "inherit"],
        env: { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? "/bin/false", PRISMA_HIDE_UPDATE_MESSAGE: "1" },
      });
      if (result.status !== 0) return result.status ?? 1;
    }
    return 0;
  }
  if (sub === "migration") {
    const [schema, name] = rest;
    if (!schema || !name || !(schemas as readonly string[]).includes(schema)) throw new Error(`usage: tessera db migration <${schemas.join("|")}> <name>`);
    const { newMigration } = await import("./new-migration");
    await newMigration(schema, name);
    return 0;
  }
  throw new Error("usage: tessera db generate | migration <schema> <name>");
}
