// Checks a source tree's import graph against the zone table (import-zones.ts); each violation is one
// sentence naming the file, the import and the rule it breaks.
import fs from "node:fs";
import path from "node:path";
import { importEdges, listSourceFiles, moduleDirective, reachableFrom, repoRoot, type ImportEdge } from "./import-graph";
import { clientRule, zones, type Zone } from "./import-zones";

type Rule = Omit<Zone, "files">;

const matches = (file: string, pattern: string) =>
  pattern.startsWith("*") ? file.endsWith(pattern.slice(1)) : pattern.endsWith("/") ? file.startsWith(pattern) : file === pattern;

/** The zone owning a file (the first whose pattern matches), or undefined if none declares it. */
export function zoneOf(file: string, table: Zone[] = zones): Zone | undefined {
  return table.find((z) => z.files.some((p) => matches(file, p)));
}

const packageName = (spec: string) => (spec.startsWith("node:") ? spec : spec.split("/").slice(0, spec.startsWith("@") ? 2 : 1).join("/"));

/** Null if `rule` allows the import, else the sentence saying which file imports what against which rule. */
function judge(edge: ImportEdge, rule: Rule, table: Zone[], context: string): string | null {
  const imported = `${edge.from} imports "${edge.spec}"`;
  if (edge.target === null) {
    const pkg = packageName(edge.spec);
    if (!rule.packagesDenied?.test(pkg) && (rule.packagesAllowed?.test(pkg) ?? true)) return null;
    return `${imported}: ${context}zone ${rule.name} may not import the package ${pkg} (${rule.why})`;
  }
  const target = zoneOf(edge.target, table);
  if (!target) return `${imported} (${edge.target}), which no zone declares: add it to tests/unit/import-zones.ts`;
  if (!rule.mayImport.includes("*") && !rule.mayImport.includes(target.name)) {
    return `${imported} (${edge.target}, zone ${target.name}): ${context}zone ${rule.name} may import only ${rule.mayImport.join(", ")} (${rule.why})`;
  }
  const only = rule.onlyOf?.[target.name];
  const file = edge.target;
  if (!only || only.some((p) => matches(file, p))) return null;
  return `${imported} (${edge.target}, zone ${target.name}): ${context}zone ${rule.name} may import of zone ${target.name} only ${only.join(", ")} (${rule.why})`;
}

export type BoundaryReport = { files: string[]; clientFiles: string[]; violations: string[] };

/** Every violation of the table in the tree at `root`, and what was scanned (so a test can see the scan is not vacuous). */
export function checkImportBoundaries(root = repoRoot, table: Zone[] = zones): BoundaryReport {
  const all = listSourceFiles(["."], root);
  const undeclared = all.filter((f) => !zoneOf(f, table)).map((f) => `${f} belongs to no zone: add it to tests/unit/import-zones.ts`);
  const files = all.filter((f) => zoneOf(f, table));
  const edges = importEdges(files, root);
  const folderVerdicts = new Map(edges.map((e) => [e, judge(e, zoneOf(e.from, table)!, table, "")]));

  // The browser's share: "use client" modules of shipped code and all they import, up to "use server" modules.
  const directive = (f: string) => (fs.existsSync(path.join(root, f)) ? moduleDirective(fs.readFileSync(path.join(root, f), "utf8")) : null);
  const shipped = files.filter((f) => !["tests", "tooling"].includes(zoneOf(f, table)!.name));
  // A file the client may not import is reported at the import that reaches it, and not walked into.
  const clientMayHold = (f: string) => directive(f) !== "use server" && clientRule.mayImport.includes(zoneOf(f, table)?.name ?? "");
  const reached = reachableFrom(shipped.filter((f) => directive(f) === "use client"), root, clientMayHold);
  const clientFiles = [...reached].filter(([f, chain]) => files.includes(f) && (chain.length === 1 || clientMayHold(f))).map(([f]) => f);
  const clientViolations = clientFiles.flatMap((file) => {
    const chain = reached.get(file)!;
    const context = chain.length > 1 ? `reached from the client module ${chain.join(" → ")}, so ` : `a "use client" module, so `;
    return edges
      // An import that already breaks its own zone's rule is reported once, by that rule.
      .filter((e) => e.from === file && !folderVerdicts.get(e) && !(e.target !== null && directive(e.target) === "use server"))
      .map((e) => judge(e, clientRule, table, context));
  });

  const misplaced = clientFiles
    .filter((f) => reached.get(f)!.length === 1 && !clientRule.mayImport.includes(zoneOf(f, table)!.name))
    .map((f) => `${f} is a "use client" module in zone ${zoneOf(f, table)!.name}: zone ${clientRule.name} may hold only ${clientRule.mayImport.join(", ")} (${clientRule.why})`);

  const violations = [...undeclared, ...folderVerdicts.values(), ...misplaced, ...clientViolations].filter((v): v is string => v !== null);
  return { files, clientFiles, violations };
}
