// The repository's real import graph, read with TypeScript's own pre-processor (type-only imports,
// re-exports and dynamic imports included, comments and strings not mistaken for imports).
import fs from "node:fs";
import path from "node:path";
import ts from "typescript";

export const repoRoot = path.resolve(import.meta.dirname, "../..");

/** One import statement: `spec` as written; `target` the repository file it resolves to, or null for a package. */
export type ImportEdge = { from: string; spec: string; target: string | null };

const sourcePattern = /\.(ts|tsx|mts|cts|js|mjs|cjs)$/;
// Dependencies, build output, generated clients, data folders and dot-folders are not the project's source.
const skippedFolder = (name: string) => name.startsWith(".") || ["node_modules", "generated", "test-results", "playwright-report"].includes(name);

/** Source files under `entries` (folders or files), relative to the repository root, with forward slashes. */
export function listSourceFiles(entries: string[], root = repoRoot): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    const full = path.join(root, rel);
    if (!fs.existsSync(full)) return;
    if (fs.statSync(full).isFile()) {
      if (sourcePattern.test(rel) && !/\.d\.[mc]?ts$/.test(rel)) out.push(rel.split(path.sep).join("/"));
      return;
    }
    for (const name of fs.readdirSync(full)) if (!skippedFolder(name)) walk(path.join(rel, name));
  };
  entries.forEach(walk);
  return out.sort();
}

/** The module specifiers a file imports or re-exports, in source order, each once. */
export function importSpecifiers(text: string): string[] {
  return [...new Set(ts.preProcessFile(text, true, true).importedFiles.map((f) => f.fileName))];
}

/** The module's leading directive (`"use client"`, `"use server"`), comments before it allowed. */
export function moduleDirective(text: string): string | null {
  return /^(?:\s|\/\/[^\n]*\n|\/\*[\s\S]*?\*\/)*["'](use client|use server)["']/.exec(text)?.[1] ?? null;
}

const candidates = (base: string) => [
  base,
  ...[".ts", ".tsx", ".mts", ".js", ".mjs", ".cjs"].map((ext) => base + ext),
  // ESM-style "./x.js" written for a TypeScript file "./x.ts".
  ...(/\.(m?js)$/.test(base) ? [base.replace(/\.js$/, ".ts").replace(/\.mjs$/, ".mts"), base.replace(/\.js$/, ".tsx")] : []),
  ...["index.ts", "index.tsx", "index.js"].map((f) => path.join(base, f)),
];

/** The repository file an import resolves to (tsconfig's `@/` alias included), or null for a package or `node:` module. */
export function resolveImport(from: string, spec: string, root = repoRoot): string | null {
  const base = spec.startsWith("@/") ? path.join(root, spec.slice(2)) : spec.startsWith(".") ? path.resolve(root, path.dirname(from), spec) : null;
  if (base === null) return null;
  const found = candidates(base).find((c) => fs.existsSync(c) && fs.statSync(c).isFile());
  // An import of a file that does not exist still names where it points, so a rule can judge it.
  return path.relative(root, found ?? base).split(path.sep).join("/");
}

/** Every import edge of the given files. */
export function importEdges(files: string[], root = repoRoot): ImportEdge[] {
  return files.flatMap((from) =>
    importSpecifiers(fs.readFileSync(path.join(root, from), "utf8")).map((spec) => ({ from, spec, target: resolveImport(from, spec, root) })),
  );
}

/**
 * The files reachable from `starts` through repository imports, each with the chain of files that
 * reached it (start first), so a failure can say how a forbidden file was reached. A file for which
 * `follow` is false is reached but not walked into.
 */
export function reachableFrom(starts: string[], root = repoRoot, follow: (file: string) => boolean = () => true): Map<string, string[]> {
  const chains = new Map<string, string[]>(starts.map((s) => [s, [s]]));
  const queue = [...starts];
  while (queue.length) {
    const file = queue.shift()!;
    const full = path.join(root, file);
    if (!sourcePattern.test(file) || !fs.existsSync(full) || !follow(file)) continue;
    for (const spec of importSpecifiers(fs.readFileSync(full, "utf8"))) {
      const target = resolveImport(file, spec, root);
      if (target === null || chains.has(target)) continue;
      chains.set(target, [...chains.get(file)!, target]);
      queue.push(target);
    }
  }
  return chains;
}
