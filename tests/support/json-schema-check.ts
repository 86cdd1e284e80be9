// A small JSON Schema 2020-12 checker for the keywords our OpenAPI documents use, written for the
// response-conformance tests (no validator of this dialect is a dependency). A keyword it does not know
// is reported as a mismatch, so the checker never passes a value by ignoring part of its schema.
export type JsonSchema = Record<string, unknown>;

const annotations = new Set(["description", "title", "default", "examples", "$comment", "deprecated", "readOnly", "writeOnly", "contentEncoding", "contentMediaType"]);
const known = new Set([
  "$ref", "type", "enum", "const", "anyOf", "oneOf", "allOf", "not", "properties", "required", "additionalProperties", "propertyNames",
  "items", "prefixItems", "minItems", "maxItems", "minLength", "maxLength", "pattern", "format", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum",
]);

const formats: Record<string, RegExp> = {
  "date-time": /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/,
  date: /^\d{4}-\d{2}-\d{2}$/,
  uuid: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
  uri: /^[a-z][a-z0-9+.-]*:/i,
  email: /^[^\s@]+@[^\s@]+$/,
};

/** Resolves a local JSON pointer (`#/components/schemas/X`) in `document`. */
export function resolvePointer(document: unknown, ref: string): unknown {
  if (!ref.startsWith("#/")) return undefined;
  let node: unknown = document;
  for (const raw of ref.slice(2).split("/")) {
    const key = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    if (!node || typeof node !== "object" || !(key in node)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

function typeOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

function hasType(value: unknown, type: string): boolean {
  const actual = typeOf(value);
  return actual === type || (type === "number" && actual === "integer");
}

/** Every way `value` fails `schema` (empty when it fits), each with its JSON path. */
export function schemaMismatches(schema: unknown, value: unknown, document: unknown, path = "$"): string[] {
  if (schema === true || (schema && typeof schema === "object" && Object.keys(schema).length === 0)) return [];
  if (schema === false) return [`${path}: no value is allowed`];
  if (!schema || typeof schema !== "object") return [`${path}: the schema is not an object`];
  const s = schema as JsonSchema;
  const out: string[] = [];
  for (const key of Object.keys(s)) if (!known.has(key) && !annotations.has(key)) out.push(`${path}: the checker does not know the keyword "${key}"`);
  if (typeof s.$ref === "string") {
    const target = resolvePointer(document, s.$ref);
    if (target === undefined) return [...out, `${path}: $ref ${s.$ref} does not resolve`];
    out.push(...schemaMismatches(target, value, document, path));
  }
  if (s.type !== undefined) {
    const types = Array.isArray(s.type) ? (s.type as string[]) : [s.type as string];
    if (!types.some((t) => hasType(value, t))) return [...out, `${path}: expected ${types.join("|")}, got ${typeOf(value)}`];
  }
  if (Array.isArray(s.enum) && !s.enum.some((e) => JSON.stringify(e) === JSON.stringify(value))) out.push(`${path}: ${JSON.stringify(value)} is not one of ${JSON.stringify(s.enum)}`);
  if ("const" in s && JSON.stringify(s.const) !== JSON.stringify(value)) out.push(`${path}: expected ${JSON.stringify(s.const)}`);
  if (Array.isArray(s.allOf)) for (const sub of s.allOf) out.push(...schemaMismatches(sub, value, document, path));
  if (Array.isArray(s.anyOf) && !s.anyOf.some((sub) => schemaMismatches(sub, value, document, path).length === 0)) out.push(`${path}: fits none of anyOf`);
  if (Array.isArray(s.oneOf) && s.oneOf.filter((sub) => schemaMismatches(sub, value, document, path).length === 0).length !== 1) out.push(`${path}: does not fit exactly one of oneOf`);
  if (s.not !== undefined && schemaMismatches(s.not, value, document, path).length === 0) out.push(`${path}: fits the schema of "not"`);
  if (typeof value === "string") out.push(...stringMismatches(s, value, path));
  if (typeof value === "number") out.push(...numberMismatches(s, value, path));
  if (Array.isArray(value)) out.push(...arrayMismatches(s, value, document, path));
  else if (value !== null && typeof value === "object") out.push(...objectMismatches(s, value as Record<string, unknown>, document, path));
  return out;
}

function stringMismatches(s: JsonSchema, value: string, path: string): string[] {
  const out: string[] = [];
  const length = [...value].length;
  if (typeof s.minLength === "number" && length < s.minLength) out.push(`${path}: shorter than ${s.minLength}`);
  if (typeof s.maxLength === "number" && length > s.maxLength) out.push(`${path}: longer than ${s.maxLength}`);
  if (typeof s.pattern === "string" && !new RegExp(s.pattern, "u").test(value)) out.push(`${path}: does not match ${s.pattern}`);
  if (typeof s.format === "string" && formats[s.format] && !formats[s.format].test(value)) out.push(`${path}: not a ${s.format}`);
  return out;
}

function numberMismatches(s: JsonSchema, value: number, path: string): string[] {
  const out: string[] = [];
  if (typeof s.minimum === "number" && value < s.minimum) out.push(`${path}: below ${s.minimum}`);
  if (typeof s.maximum === "number" && value > s.maximum) out.push(`${path}: above ${s.maximum}`);
  if (typeof s.exclusiveMinimum === "number" && value <= s.exclusiveMinimum) out.push(`${path}: not above ${s.exclusiveMinimum}`);
  if (typeof s.exclusiveMaximum === "number" && value >= s.exclusiveMaximum) out.push(`${path}: not below ${s.exclusiveMaximum}`);
  return out;
}

function arrayMismatches(s: JsonSchema, value: unknown[], document: unknown, path: string): string[] {
  const out: string[] = [];
  if (typeof s.minItems === "number" && value.length < s.minItems) out.push(`${path}: fewer than ${s.minItems} items`);
  if (typeof s.maxItems === "number" && value.length > s.maxItems) out.push(`${path}: more than ${s.maxItems} items`);
  const prefix = Array.isArray(s.prefixItems) ? s.prefixItems : [];
  value.forEach((item, i) => {
    const sub = i < prefix.length ? prefix[i] : s.items;
    if (sub !== undefined) out.push(...schemaMismatches(sub, item, document, `${path}[${i}]`));
  });
  return out;
}

function objectMismatches(s: JsonSchema, value: Record<string, unknown>, document: unknown, path: string): string[] {
  const out: string[] = [];
  const properties = (s.properties ?? {}) as Record<string, unknown>;
  for (const key of Array.isArray(s.required) ? (s.required as string[]) : []) if (!(key in value)) out.push(`${path}.${key}: required`);
  for (const [key, inner] of Object.entries(value)) {
    if (key in properties) out.push(...schemaMismatches(properties[key], inner, document, `${path}.${key}`));
    else if (s.additionalProperties !== undefined) out.push(...schemaMismatches(s.additionalProperties, inner, document, `${path}.${key}`));
    if (s.propertyNames !== undefined) out.push(...schemaMismatches(s.propertyNames, key, document, `${path}{${key}}`));
  }
  return out;
}
