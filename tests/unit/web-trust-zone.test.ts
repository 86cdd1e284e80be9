// The web tier runs on the public host and must hold nothing sensitive: no code path from it reaches a
// database driver, Prisma, a password hasher, the services' code or their keys, and the process is
// started without any database URL or key.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { homeLayout } from "../../cli/home";
import { webEnv } from "../../cli/system/process-env";

const root = path.resolve(import.meta.dirname, "../..");
const webRoots = ["app", "components", "lib", "proxy.ts", "next.config.js"];
/** Folders web code may import from: its own, plus the pure shared contracts. */
const allowedZones = ["app/", "components/", "lib/", "contracts/", "proxy.ts", "next.config.js"];
const forbiddenPackages = /^(@prisma\/|prisma$|pg$|pg-|postgres$|@electric-sql\/|argon2$|@node-rs\/argon2|fastify|rate-limiter-flexible|@peculiar\/x509)/;

function sourceFiles(entry: string): string[] {
  const full = path.join(root, entry);
  if (!fs.existsSync(full)) return [];
  if (fs.statSync(full).isFile()) return [entry];
  return fs.readdirSync(full, { recursive: true, encoding: "utf8" })
    .filter((f) => /\.(ts|tsx|js|mjs)$/.test(f) && !/\.test\.tsx?$/.test(f))
    .map((f) => path.join(entry, f));
}

function importsOf(file: string): string[] {
  const text = fs.readFileSync(path.join(root, file), "utf8");
  const specs = [...text.matchAll(/(?:from\s+|import\s*\(\s*|import\s+|require\s*\(\s*)["']([^"']+)["']/g)].map((m) => m[1]);
  return [...new Set(specs)];
}

function resolveLocal(from: string, spec: string): string | null {
  const base = spec.startsWith("@/") ? path.join(root, spec.slice(2)) : spec.startsWith(".") ? path.resolve(path.dirname(path.join(root, from)), spec) : null;
  if (!base) return null;
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, `${base}.js`, path.join(base, "index.ts"), path.join(base, "index.tsx")]) {
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return path.relative(root, candidate);
  }
  return path.relative(root, base);
}

/** Every file reachable from the web tier's sources, with the import that reached it. */
function webImportGraph() {
  const seen = new Map<string, string>();
  const packages: { file: string; spec: string }[] = [];
  const queue = webRoots.flatMap(sourceFiles);
  queue.forEach((f) => seen.set(f, "(web root)"));
  while (queue.length) {
    const file = queue.shift()!;
    if (!fs.existsSync(path.join(root, file))) continue;
    for (const spec of importsOf(file)) {
      const local = resolveLocal(file, spec);
      if (local === null) packages.push({ file, spec });
      else if (!seen.has(local)) {
        seen.set(local, file);
        queue.push(local);
      }
    }
  }
  return { files: [...seen.keys()], packages };
}

describe("the web tier holds nothing sensitive", () => {
  const graph = webImportGraph();

  it("has web code to check (the scan is not vacuous)", () => {
    expect(graph.files.filter((f) => f.startsWith("app/")).length).toBeGreaterThan(3);
    expect(graph.files.some((f) => f.startsWith("lib/server/"))).toBe(true);
  });

  it("reaches no file outside the web tier and the shared contracts", () => {
    const outside = graph.files.filter((f) => !allowedZones.some((z) => f.startsWith(z)));
    expect(outside).toEqual([]);
  });

  it("imports no database driver, ORM, password hasher or service framework", () => {
    const bad = graph.packages.filter((p) => forbiddenPackages.test(p.spec)).map((p) => `${p.file} → ${p.spec}`);
    expect(bad).toEqual([]);
  });

  it("reads no database URL or key from its environment", () => {
    const offenders = graph.files
      .filter((f) => fs.existsSync(path.join(root, f)))
      .filter((f) => /process\.env\.(\w*DATABASE_URL|\w*_KEY_FILE|AUDIT_\w+)/.test(fs.readFileSync(path.join(root, f), "utf8")));
    expect(offenders).toEqual([]);
  });

  it("is started with only its certificate, the CA, the access URL and its session secret", () => {
    const env = webEnv(homeLayout("/srv/tessera"), { accessUrl: "https://a:7443", publicUrl: "http://w:3000", sessionSecret: "s" });
    expect(Object.keys(env).filter((k) => /DATABASE|KEYRING|CHAIN|DIGEST|SIGNING|AUDIT|DATA_DIR/.test(k))).toEqual([]);
    expect(env.TLS_KEY_FILE).toBe("/srv/tessera/pki/issued/web.key");
    expect(Object.values(env).filter((v) => /access\/|audit\/|ca\.key/.test(v))).toEqual([]);
  });

  it("would catch a violation (the checker itself works)", () => {
    const tmp = path.join(root, "lib", "__trust-zone-probe.ts");
    fs.writeFileSync(tmp, 'import { PrismaClient } from "@prisma/client";\nimport "../services/access/db/prisma";\nexport { PrismaClient };\n');
    try {
      const probe = webImportGraph();
      expect(probe.packages.some((p) => p.spec === "@prisma/client")).toBe(true);
      expect(probe.files).toContain("services/access/db/prisma.ts");
    } finally {
      fs.rmSync(tmp);
    }
  });
});
