// fast-check arbitraries from the JSON Schemas of an OpenAPI document (the routes' declared zod schemas,
// as documented): values that fit, and the mutations a fuzz sends — NUL characters, wrong types, huge
// strings, missing and unknown fields.
import fc from "fast-check";
import { resolvePointer, type JsonSchema } from "./json-schema-check";

/** Text that stresses a server: control characters, NUL, broken surrogates, SQL and LIKE syntax. */
export const nastyString = fc.oneof(
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.constantFrom("", " ", "\u0000", "a\u0000b", "%", "%ZZ", "%E0%A4%A", "_", "\\", "'; drop table tokens;--", "\ud800", "🙂", "tsr_", "lic_x", "../.."),
);

/**
 * A huge string, as a marker that `expandHuge` turns into 70 000 characters when the request is built, so
 * that a failing case prints short.
 */
export const hugeMarker = "__HUGE__";
export const hugeString = fc.constant(hugeMarker);

/** Replaces each huge-string marker in an encoded request part by the huge string itself. */
export function expandHuge(text: string): string {
  return text.replaceAll(hugeMarker, "x".repeat(70_000));
}

/** Any JSON value of the wrong kind. */
export const wrongValue = fc.oneof(nastyString, fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.constant([]), fc.constant({}), fc.array(fc.integer(), { maxLength: 3 }));

function regexArbitrary(pattern: string): fc.Arbitrary<string> {
  try {
    return fc.stringMatching(new RegExp(pattern, "u"));
  } catch {
    return fc.string();
  }
}

function stringArbitrary(s: JsonSchema): fc.Arbitrary<string> {
  const min = typeof s.minLength === "number" ? s.minLength : 0;
  const max = typeof s.maxLength === "number" ? Math.min(s.maxLength, min + 60) : min + 30;
  if (s.format === "date-time") return fc.date({ min: new Date("2000-01-01"), max: new Date("2099-12-31"), noInvalidDate: true }).map((d) => d.toISOString());
  if (s.format === "date") return fc.date({ min: new Date("2000-01-01"), max: new Date("2099-12-31"), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
  if (s.format === "email") return fc.emailAddress();
  if (s.format === "uuid") return fc.uuid();
  if (s.format === "uri") return fc.webUrl();
  if (typeof s.pattern === "string") return regexArbitrary(s.pattern);
  return fc.string({ minLength: min, maxLength: Math.max(min, max) });
}

function numberArbitrary(s: JsonSchema, integer: boolean): fc.Arbitrary<number> {
  const lower = typeof s.minimum === "number" ? s.minimum : typeof s.exclusiveMinimum === "number" ? s.exclusiveMinimum + 1 : -1000;
  const upper = typeof s.maximum === "number" ? s.maximum : typeof s.exclusiveMaximum === "number" ? s.exclusiveMaximum - 1 : lower + 100_000;
  const min = Math.max(lower, -Number.MAX_SAFE_INTEGER);
  const max = Math.min(Math.max(upper, min), Number.MAX_SAFE_INTEGER);
  return integer ? fc.integer({ min: Math.ceil(min), max: Math.floor(max) }) : fc.double({ min, max, noNaN: true });
}

/** Values that fit `schema` (as far as generators can; patterns with lookarounds fall back to strings). */
export function validArbitrary(schema: unknown, document: unknown, depth = 0): fc.Arbitrary<unknown> {
  if (!schema || typeof schema !== "object" || depth > 6) return fc.constant(null);
  const s = schema as JsonSchema;
  if (typeof s.$ref === "string") return validArbitrary(resolvePointer(document, s.$ref), document, depth + 1);
  if ("const" in s) return fc.constant(s.const);
  if (Array.isArray(s.enum)) return fc.constantFrom(...s.enum);
  const alternatives = (s.anyOf ?? s.oneOf) as unknown[] | undefined;
  if (Array.isArray(alternatives)) return fc.oneof(...alternatives.map((a) => validArbitrary(a, document, depth + 1)));
  const type = Array.isArray(s.type) ? (s.type as string[]) : s.type ? [s.type as string] : [];
  if (type.length > 1) return fc.oneof(...type.map((t) => validArbitrary({ ...s, type: t }, document, depth)));
  switch (type[0]) {
    case "string": return stringArbitrary(s);
    case "integer": return numberArbitrary(s, true);
    case "number": return numberArbitrary(s, false);
    case "boolean": return fc.boolean();
    case "null": return fc.constant(null);
    case "array": {
      const min = typeof s.minItems === "number" ? s.minItems : 0;
      const max = typeof s.maxItems === "number" ? Math.min(s.maxItems, min + 3) : min + 3;
      return fc.array(validArbitrary(s.items, document, depth + 1), { minLength: min, maxLength: Math.max(min, max) });
    }
    case "object": {
      const properties = (s.properties ?? {}) as Record<string, unknown>;
      const required = new Set(Array.isArray(s.required) ? (s.required as string[]) : []);
      const model = Object.fromEntries(Object.entries(properties).map(([key, sub]) => [key, validArbitrary(sub, document, depth + 1)]));
      return fc.record(model, { requiredKeys: Object.keys(properties).filter((k) => required.has(k)) });
    }
    default: return fc.anything({ maxDepth: 1 });
  }
}

/** A value of `schema`, half the time mutated: a NUL inserted (most often), a field of the wrong type, dropped or added, a huge string. */
export function fuzzArbitrary(schema: unknown, document: unknown): fc.Arbitrary<unknown> {
  const valid = validArbitrary(schema, document);
  const mutated = fc.tuple(valid, fc.nat(), fc.constantFrom<Mutation>("nul", "nul", "nul", "wrong", "drop", "extra", "huge", "replace"), wrongValue, hugeString).map(([value, pick, kind, wrong, huge]) => mutate(value, pick, kind, wrong, huge));
  return fc.oneof({ arbitrary: valid, weight: 1 }, { arbitrary: mutated, weight: 1 });
}

type Mutation = "nul" | "wrong" | "drop" | "extra" | "huge" | "replace";

function mutate(value: unknown, pick: number, kind: Mutation, wrong: unknown, huge: string): unknown {
  if (kind === "replace") return wrong;
  if (value === null || typeof value !== "object") {
    if (kind === "nul") return typeof value === "string" ? `${value.slice(0, pick % (value.length + 1))}\u0000${value.slice(pick % (value.length + 1))}` : "\u0000";
    return kind === "huge" ? huge : wrong;
  }
  const copy: Record<string, unknown> | unknown[] = Array.isArray(value) ? [...value] : { ...(value as Record<string, unknown>) };
  const keys = Object.keys(copy);
  if (kind === "extra" || !keys.length) {
    (copy as Record<string, unknown>)[pick % 2 ? "unexpected" : "a\u0000key"] = wrong;
    return copy;
  }
  const key = keys[pick % keys.length];
  const target = copy as Record<string, unknown>;
  if (kind === "drop") delete target[key];
  else target[key] = mutate(target[key], Math.floor(pick / 7), kind, wrong, huge);
  return copy;
}
