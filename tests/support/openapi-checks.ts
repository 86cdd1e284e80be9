// Checks shared by the OpenAPI tests: structural rules of OpenAPI 3.1 that we rely on, an independent
// validator (@readme/openapi-parser), and Fastify's own route table to compare the document against.
import { validate } from "@readme/openapi-parser";
import type { FastifyInstance } from "fastify";
import { expect } from "vitest";
import { resolvePointer } from "./json-schema-check";

export type OpenApiDocument = {
  openapi: string;
  paths: Record<string, Record<string, { responses?: Record<string, unknown>; parameters?: { name: string; in: string }[]; operationId?: string }>>;
  components: Record<string, Record<string, unknown>>;
};

const httpMethods = new Set(["get", "put", "post", "delete", "options", "head", "patch", "trace"]);

/** openapi 3.1.x, every operation has responses, every $ref resolves, and the validator agrees. */
export async function expectValidOpenApi31(document: OpenApiDocument): Promise<void> {
  expect(document.openapi).toMatch(/^3\.1\.\d+$/);
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      expect(httpMethods.has(method), `${path}: ${method}`).toBe(true);
      expect(Object.keys(operation.responses ?? {}).length, `${method} ${path} has responses`).toBeGreaterThan(0);
    }
  }
  for (const ref of collectRefs(document)) expect(resolvePointer(document, ref), `$ref ${ref} resolves`).toBeDefined();
  // The validator dereferences in place: give it a copy.
  const verdict = await validate(structuredClone(document) as never);
  expect(verdict.valid ? [] : verdict.errors.map((e) => e.message)).toEqual([]);
  expect(verdict.specification).toBe("OpenAPI");
}

export function collectRefs(value: unknown, found: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((v) => collectRefs(v, found));
  else if (value && typeof value === "object") {
    for (const [key, inner] of Object.entries(value)) {
      if (key === "$ref" && typeof inner === "string") found.push(inner);
      else collectRefs(inner, found);
    }
  }
  return found;
}


/** "get /v1/licenses/{id}"… for every route in Fastify's own route table (HEAD twins left out). */
export function fastifyOperations(app: FastifyInstance): string[] {
  const stack: string[] = [];
  const operations: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split("\n")) {
    const match = /^((?:│ {3}| {4})*)(?:├── |└── )(.*?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!match) continue;
    const depth = match[1].length / 4;
    const path = (depth ? stack[depth - 1] : "") + match[2];
    stack[depth] = path;
    stack.length = depth + 1;
    for (const method of (match[3] ?? "").split(", ").filter((m) => m && m !== "HEAD")) {
      operations.push(`${method.toLowerCase()} ${path.replace(/:([A-Za-z0-9_]+)/g, "{$1}")}`);
    }
  }
  return operations.sort();
}

export function documentOperations(document: OpenApiDocument): string[] {
  return Object.entries(document.paths).flatMap(([path, item]) => Object.keys(item).map((method) => `${method} ${path}`)).sort();
}
