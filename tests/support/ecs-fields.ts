// Checks log lines against the Elastic Common Schema's field set as @elastic/ecs publishes it (EcsFlat:
// every ECS field's flat name and type): each field of a line is an ECS field of the right type, or one of
// ours under the `tessera` namespace. Dotted keys ("log.level") and nested objects ({ log: { level } })
// are the same field, as ECS says.
import { isIP } from "node:net";
import { EcsFlat } from "@elastic/ecs";

type Problem = { field: string; problem: string };

const strings = new Set(["keyword", "wildcard", "match_only_text", "text", "constant_keyword"]);
const integers = new Set(["long", "integer", "short", "byte"]);
const numbers = new Set(["float", "double", "scaled_float", "half_float"]);

/** Leaves of `value` as flat names ("a.b.c"), stopping at our namespace, `labels` and arrays. */
function flatten(value: Record<string, unknown>, prefix = "", out: [string, unknown][] = []): [string, unknown][] {
  for (const [key, v] of Object.entries(value)) {
    const name = prefix ? `${prefix}.${key}` : key;
    if (name === "tessera" || name.startsWith("tessera.")) continue;
    if (name !== "labels" && typeof v === "object" && v !== null && !Array.isArray(v)) flatten(v as Record<string, unknown>, name, out);
    else out.push([name, v]);
  }
  return out;
}

function typeProblem(type: string, value: unknown): string | null {
  if (strings.has(type)) return typeof value === "string" ? null : `a ${type} must be a string`;
  if (integers.has(type)) return Number.isInteger(value) ? null : `a ${type} must be an integer`;
  if (numbers.has(type)) return typeof value === "number" ? null : `a ${type} must be a number`;
  if (type === "date") return typeof value === "string" && !Number.isNaN(Date.parse(value)) ? null : "a date must be an ISO 8601 string";
  if (type === "ip") return typeof value === "string" && isIP(value) !== 0 ? null : "an ip must be an IPv4 or IPv6 address";
  if (type === "boolean") return typeof value === "boolean" ? null : "a boolean must be true or false";
  if (type === "object" || type === "flattened" || type === "nested") return typeof value === "object" && value !== null ? null : `an ${type} must be an object`;
  return `unchecked ECS type ${type}`;
}

/** What is wrong with one log line as ECS: fields outside ECS and our namespace, or of the wrong type. */
export function ecsProblems(line: Record<string, unknown>): Problem[] {
  const problems: Problem[] = [];
  for (const required of ["@timestamp", "log.level", "message", "ecs.version"]) {
    if (!flatten(line).some(([name]) => name === required)) problems.push({ field: required, problem: "missing" });
  }
  for (const [field, value] of flatten(line)) {
    const spec = (EcsFlat as Record<string, { type: string; normalize: string[] }>)[field];
    if (!spec) {
      problems.push({ field, problem: "not an ECS field (ours belong under tessera.)" });
      continue;
    }
    const values = Array.isArray(value) ? value : [value];
    if (Array.isArray(value) && !spec.normalize.includes("array")) problems.push({ field, problem: "an array where ECS expects one value" });
    for (const v of values) {
      const problem = typeProblem(spec.type, v);
      if (problem) problems.push({ field, problem: `${problem}, got ${JSON.stringify(v)}` });
    }
  }
  return problems;
}

/** The JSON lines of a log file's text (every line must be one). */
export function logLines(text: string): Record<string, unknown>[] {
  return text.split("\n").filter((l) => l.trim()).map((l) => JSON.parse(l) as Record<string, unknown>);
}

/** A field by flat name, whether the line holds it dotted or nested. */
export function field(line: Record<string, unknown>, name: string): unknown {
  if (name in line) return line[name];
  const parts = name.split(".");
  for (let i = parts.length - 1; i >= 1; i--) {
    const v = line[parts.slice(0, i).join(".")];
    if (typeof v === "object" && v !== null) return field(v as Record<string, unknown>, parts.slice(i).join("."));
  }
  return undefined;
}
