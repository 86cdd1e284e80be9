// Diffs a Prisma schema against the state its SQL migrations produce, giving the SQL that closes the gap,
// without Prisma's native schema engine (which must be downloaded): the WebAssembly build of the same
// engine (@prisma/schema-engine-wasm, pinned to the version bundled in prisma 7.10.0) driven through the
// pg driver adapter.
//
// The engine cannot open connections itself; it reads a live database through the adapter, even to
// start. So "from migrations" is computed by applying the migrations with our own runner
// (services/common/db/migrate.ts, as production does) to a scratch PostgreSQL database and diffing from
// that database; the scratch database is created and dropped here unless the caller passes one.
import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import type { DiffTarget, SchemaEngine, SchemaFilter } from "@prisma/schema-engine-wasm";
import pg from "pg";
import { migrate } from "../../services/common/db/migrate";

export type DiffFrom = "empty" | { migrationsDir: string };

export type DiffSchemaOptions = {
  from: DiffFrom;
  /** Path of the schema.prisma to reach. */
  to: string;
  /** An existing, empty database the diff may use (and leave dirty); without it, a temporary one is made. */
  scratchUrl?: string;
  /** Server on which to create the temporary database: TEST_POSTGRES_URL, else the local server. */
  adminUrl?: string;
};

const defaultAdminUrl = "postgresql://postgres@127.0.0.1:5432/postgres";
// Our runner's bookkeeping table is not part of any Prisma schema.
const filters: SchemaFilter = { externalTables: ["public._tessera_migrations"], externalEnums: [] };

/** SQL that brings a database from `from` to the schema at `to`; "" when they already match. */
export async function diffSchemaToSql(options: DiffSchemaOptions): Promise<string> {
  const schemaPath = path.resolve(options.to);
  const files = [{ path: schemaPath, content: await fs.readFile(schemaPath, "utf8") }];
  return withScratchDatabase(options, async (url) => {
    // A schema without a migrations folder yet has no migrations: diff from the empty scratch database.
    if (options.from !== "empty" && (await exists(options.from.migrationsDir))) await migrate(url, path.resolve(options.from.migrationsDir));
    const from: DiffTarget =
      options.from === "empty" ? { tag: "empty" } : { tag: "schemaDatasource", files, configDir: path.dirname(schemaPath) };
    return withEngine(url, async (engine) => {
      const result = await engine.diff({ from, to: { tag: "schemaDatamodel", files }, script: true, exitCode: null, filters });
      const sql = result.stdout ?? "";
      if (process.env.TESSERA_DEBUG_SCHEMA_ENGINE) process.stderr.write(`[schema-engine] diff output: ${JSON.stringify(sql)}\n`);
      // An empty diff is reported as a comment only.
      return /^\s*(--[^\n]*\s*)*$/.test(sql) ? "" : sql;
    });
  });
}

async function withScratchDatabase<T>(options: DiffSchemaOptions, use: (url: string) => Promise<T>): Promise<T> {
  if (options.scratchUrl) return use(options.scratchUrl);
  const adminUrl = options.adminUrl ?? process.env.TEST_POSTGRES_URL ?? defaultAdminUrl;
  const name = `tessera_diff_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect().catch((e: Error) => {
    throw new Error(`Diffing a schema needs a PostgreSQL server to create a scratch database on (${redact(adminUrl)}): ${e.message}`);
  });
  try {
    await admin.query(`create database "${name}"`);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    return await use(url.toString());
  } finally {
    await admin.query(`drop database if exists "${name}" with (force)`).catch(() => {});
    await admin.end();
  }
}

async function withEngine<T>(url: string, use: (engine: SchemaEngine) => Promise<T>): Promise<T> {
  const SchemaEngineClass = await loadSchemaEngine();
  const pool = new pg.Pool({ connectionString: url, max: 2, Client: CatalogFriendlyClient });
  try {
    const adapter = bindMigrationAwareSqlAdapterFactory(new PrismaPg(pool));
    const log = (line: string) => {
      if (process.env.TESSERA_DEBUG_SCHEMA_ENGINE) process.stderr.write(`[schema-engine] ${line}\n`);
    };
    const engine = await SchemaEngineClass.new({ datamodels: undefined }, log, adapter).catch((e) => {
      throw engineError(e);
    });
    try {
      return await use(engine).catch((e) => {
        throw engineError(e);
      });
    } finally {
      engine.free();
    }
  } finally {
    await pool.end();
  }
}

function engineError(e: unknown): Error {
  const error = e instanceof Error ? e : new Error(String(e));
  // The engine appends a Rust span trace ("   0: schema_engine_wasm::…"); keep the message.
  error.message = `Schema engine: ${error.message.split(/\n\s+0: /)[0].trim()}`;
  return error;
}

// The schema describer reads catalog columns of PostgreSQL's internal one-byte type "char" (oid 18),
// e.g. pg_class.relkind, which @prisma/adapter-pg 7.10.0 rejects as unsupported. node-postgres returns
// them as strings already, so report them as text (oid 25).
class CatalogFriendlyClient extends pg.Client {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  query(...args: any[]): any {
    // pg.Pool calls query(config, values, callback); a checked-out client is called promise-style.
    const last = args.length - 1;
    if (typeof args[last] === "function") {
      const callback = args[last];
      args[last] = (error: unknown, result: unknown) => callback(error, error ? result : charAsText(result));
    }
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const result = (super.query as (...a: any[]) => any)(...args);
    return result && typeof result.then === "function" ? result.then(charAsText) : result;
  }
}

function charAsText<T>(result: T): T {
  for (const r of Array.isArray(result) ? result : [result]) {
    for (const field of (r as pg.QueryResult | undefined)?.fields ?? []) if (field.dataTypeID === 18) field.dataTypeID = 25;
  }
  return result;
}

type SchemaEngineStatic = typeof SchemaEngine;
let engineClass: Promise<SchemaEngineStatic> | undefined;

// wasm-bindgen's "bundler" output imports the .wasm as an ES module, which Node 20 cannot do unflagged;
// instantiate it by hand, once per process (as Prisma's own loader does).
function loadSchemaEngine(): Promise<SchemaEngineStatic> {
  engineClass ??= (async () => {
    const runtime = await import("@prisma/schema-engine-wasm/schema_engine_bg");
    const require = createRequire(import.meta.url);
    const wasmPath = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg").replace(/\.js$/, ".wasm");
    const module = new WebAssembly.Module(await fs.readFile(wasmPath));
    const instance = new WebAssembly.Instance(module, { "./schema_engine_bg.js": runtime as unknown as WebAssembly.ModuleImports });
    runtime.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    return runtime.SchemaEngine;
  })();
  return engineClass;
}

function exists(p: string): Promise<boolean> {
  return fs.access(p).then(() => true, () => false);
}

function redact(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = "***";
  return u.toString();
}
