// The OpenAPI 3.1 description of an internal service, served at GET /openapi.json. Every route is
// collected as it is registered (so an undocumented one still appears); a route documents itself
// through `config.openapi`, whose zod schemas become JSON Schema 2020-12 (OpenAPI 3.1's dialect); who may
// call it (x-callers, x-permission, the bearer, the implied 401 and 403) comes from its `config.policy`.
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { problemContentType, problemSchema } from "../../../contracts/problem";
import { metaPolicies, type RoutePolicy } from "../../../contracts/route-policy";
import { statusByCode } from "./app-error";

/** How a route describes itself, in its options: `{ config: { openapi: { … } } }`. */
export type RouteDoc = {
  summary?: string;
  description?: string;
  tags?: readonly string[];
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  /** The content types `body` may arrive in, each with its schema (default: JSON only). */
  bodyContentTypes?: readonly string[];
  /**
   * Refusals in a shape of their own rather than problem+json (the OAuth endpoints: RFC 6749 §5.2 JSON).
   * `problems` then lists every refusal status, each answered in this shape; a 5xx stays a problem.
   */
  errorResponse?: ErrorResponseDoc;
  /** Success status (200 unless given) and its body; no `response` means no documented body. */
  status?: number;
  response?: z.ZodType;
  /** Content type of the success body when it is not JSON, e.g. Prometheus text. */
  responseContentType?: string;
  /** Problem statuses the route answers besides the ones implied above (401, 403, 422), with their meaning. */
  problems?: Partial<Record<number, string>>;
  /** Statuses answered with a body of their own (not a refusal's shape), e.g. validation's 429 {valid: false}. */
  answers?: Partial<Record<number, { description: string; schema: z.ZodType }>>;
  /** Response header fields per status (name → meaning), e.g. the rate-limit fields. */
  headers?: Partial<Record<number, Record<string, string>>>;
};

export type ErrorResponseDoc = { name: string; description: string; contentType: string; schema: z.ZodType };

declare module "fastify" {
  interface FastifyContextConfig {
    openapi?: RouteDoc;
  }
}

export type OpenApiInfo = { title: string; version: string; description?: string };

type CollectedRoute = { method: string; url: string; doc: RouteDoc | undefined; policy: RoutePolicy | undefined };
type JsonObject = { [key: string]: unknown };

/** Collects every route registered after this call and serves the description. Call before adding routes. */
export function installOpenApi(app: FastifyInstance, info: OpenApiInfo): void {
  const routes: CollectedRoute[] = [];
  app.addHook("onRoute", (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    // Fastify adds a HEAD twin to every GET; it is implied, not an operation of its own.
    for (const method of methods) if (method !== "HEAD") routes.push({ method: method.toLowerCase(), url: route.url, doc: route.config?.openapi, policy: route.config?.policy });
  });
  let document: JsonObject | null = null;
  app.get(
    "/openapi.json",
    { config: { policy: metaPolicies["GET /openapi.json"], openapi: { summary: "This OpenAPI 3.1 description.", tags: ["meta"], response: z.record(z.string(), z.unknown()) } } },
    // The routes are all registered once the server listens, so the first request builds it for good.
    async () => (document ??= buildOpenApiDocument(info, routes)),
  );
}

const problemRef = { $ref: "#/components/responses/Problem" };
const impliedProblems = {
  unauthenticated: "No live session behind the bearer token (checked before the request is read).",
  forbidden: "The caller's identity, or the person's role, may not use this endpoint (checked before the request is read; reason caller-not-admitted or permission-missing).",
  invalid: "Malformed query or body (or a NUL character anywhere); `fieldErrors` names the fields.",
  // parse.ts installInputGuards: a path parameter that does not fit `params` names nothing.
  notFound: "Nothing by that id, or a malformed id (reason `malformed-path`).",
};

export function buildOpenApiDocument(info: OpenApiInfo, routes: readonly CollectedRoute[]): JsonObject {
  const schemas: JsonObject = { Problem: toSchema(problemSchema, "output", {}) };
  const responses: JsonObject = {
    Problem: {
      description: "An RFC 9457 problem: `code` is stable, `reason` finer, `detail` the sentence for people.",
      content: { [problemContentType]: { schema: { $ref: "#/components/schemas/Problem" } } },
    },
  };
  const paths: Record<string, Record<string, JsonObject>> = {};
  for (const route of [...routes].sort((a, b) => a.url.localeCompare(b.url) || a.method.localeCompare(b.method))) {
    const { path, pathParams } = toOpenApiPath(route.url);
    (paths[path] ??= {})[route.method] = toOperation(route, pathParams, { schemas, responses });
  }
  return {
    openapi: "3.1.1",
    info: { title: info.title, version: info.version, ...(info.description ? { description: info.description } : {}) },
    jsonSchemaDialect: "https://spec.openapis.org/oas/3.1/dialect/base",
    security: [{ mutualTLS: [] }],
    paths,
    components: {
      schemas,
      responses,
      securitySchemes: {
        mutualTLS: { type: "mutualTLS", description: "A client certificate of the internal CA; its CN is the caller's identity." },
        bearer: { type: "http", scheme: "bearer", description: "The session token of the person the web tier acts for." },
      },
    },
  };
}

type Components = { schemas: JsonObject; responses: JsonObject };

function toOperation(route: CollectedRoute, pathParams: string[], { schemas, responses: responseComponents }: Components): JsonObject {
  const doc = route.doc ?? {};
  const policy = route.policy;
  const operation: JsonObject = {
    operationId: operationId(route.method, route.url),
    summary: doc.summary ?? `${route.method.toUpperCase()} ${route.url} (undocumented)`,
  };
  if (doc.description) operation.description = doc.description;
  if (doc.tags) operation.tags = doc.tags;
  if (policy) operation["x-callers"] = policy.callers;
  if (policy?.permission) operation["x-permission"] = policy.permission;
  if (policy?.bearer) operation.security = [{ mutualTLS: [], bearer: [] }];

  const parameters = [...pathParameters(pathParams, doc.params, schemas), ...queryParameters(doc.query, schemas)];
  if (parameters.length) operation.parameters = parameters;
  if (doc.body) {
    const schema = toSchema(doc.body, "input", schemas);
    operation.requestBody = { required: true, content: Object.fromEntries((doc.bodyContentTypes ?? ["application/json"]).map((type) => [type, { schema }])) };
  }

  const status = String(doc.status ?? 200);
  const success: JsonObject = { description: status === "204" ? "No content." : "Success." };
  if (doc.response) success.content = { [doc.responseContentType ?? "application/json"]: { schema: toSchema(doc.response, "output", schemas) } };
  const responses: JsonObject = { [status]: success };
  const refusal = doc.errorResponse ? errorResponseRef(doc.errorResponse, { schemas, responses: responseComponents }) : problemRef;
  // A route with its own error shape lists its refusals itself; the implied ones are problem+json's.
  const problems: Partial<Record<number, string>> = doc.errorResponse
    ? { ...doc.problems }
    : {
        ...(policy?.bearer === "session" ? { [statusByCode.unauthenticated]: impliedProblems.unauthenticated } : {}),
        ...(policy && (policy.callers !== "any" || policy.permission) ? { [statusByCode.forbidden]: impliedProblems.forbidden } : {}),
        ...(doc.params ? { [statusByCode["not-found"]]: impliedProblems.notFound } : {}),
        ...(doc.params || doc.query || doc.body ? { [statusByCode["validation-failed"]]: impliedProblems.invalid } : {}),
        ...doc.problems,
      };
  for (const [code, description] of Object.entries(problems)) responses[code] = { ...refusal, description };
  for (const [code, answer] of Object.entries(doc.answers ?? {})) {
    if (answer) responses[code] = { description: answer.description, content: { "application/json": { schema: toSchema(answer.schema, "output", schemas) } } };
  }
  for (const [code, fields] of Object.entries(doc.headers ?? {})) {
    const response = responses[code] as JsonObject | undefined;
    if (!response || !fields) continue;
    // A $ref response cannot carry siblings in every tool: the fields go on a copy of what it refers to.
    const target: JsonObject = "$ref" in response ? { ...(responseComponents[String(response.$ref).split("/").pop() ?? ""] as JsonObject), description: response.description } : response;
    target.headers = Object.fromEntries(Object.entries(fields).map(([name, description]) => [name, { description, schema: { type: "string" } }]));
    responses[code] = target;
  }
  responses.default = problemRef;
  operation.responses = responses;
  return operation;
}

/** Registers a route's own error shape in components (once) and answers the reference to it. */
function errorResponseRef(error: ErrorResponseDoc, { schemas, responses }: Components): JsonObject {
  if (!responses[error.name]) {
    schemas[error.name] = toSchema(error.schema, "output", schemas);
    responses[error.name] = { description: error.description, content: { [error.contentType]: { schema: { $ref: `#/components/schemas/${error.name}` } } } };
  }
  return { $ref: `#/components/responses/${error.name}` };
}

function pathParameters(names: string[], schema: z.ZodType | undefined, schemas: JsonObject): JsonObject[] {
  const properties = schema ? objectProperties(toSchema(schema, "input", schemas)) : {};
  return names.map((name) => ({ name, in: "path", required: true, schema: properties[name] ?? { type: "string" } }));
}

function queryParameters(schema: z.ZodType | undefined, schemas: JsonObject): JsonObject[] {
  if (!schema) return [];
  const json = toSchema(schema, "input", schemas);
  const required = new Set(Array.isArray(json.required) ? (json.required as string[]) : []);
  return Object.entries(objectProperties(json)).map(([name, property]) => ({ name, in: "query", required: required.has(name), schema: property }));
}

function objectProperties(json: JsonObject): Record<string, JsonObject> {
  return (json.properties ?? {}) as Record<string, JsonObject>;
}

/**
 * zod → JSON Schema 2020-12. Named sub-schemas ($defs, e.g. recursive ones) move to
 * components.schemas, since a `#/$defs/…` reference would otherwise resolve against the whole document;
 * zod's generated names (`__schema0`) restart in every conversion, so those get document-wide ones.
 */
function toSchema(schema: z.ZodType, io: "input" | "output", schemas: JsonObject): JsonObject {
  const { $schema: _dialect, $defs, ...json } = z.toJSONSchema(schema, { target: "draft-2020-12", io, unrepresentable: "any" }) as JsonObject;
  const names = new Map<string, string>();
  for (const name of Object.keys(($defs ?? {}) as JsonObject)) {
    names.set(name, name.startsWith("__schema") ? `Schema${Object.keys(schemas).length + names.size}` : name);
  }
  const rewrite = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(rewrite);
    if (value === null || typeof value !== "object") return value;
    return Object.fromEntries(
      Object.entries(value).map(([key, inner]) => {
        const local = key === "$ref" && typeof inner === "string" ? /^#\/\$defs\/(.+)$/.exec(inner) : null;
        return local ? [key, `#/components/schemas/${names.get(local[1]) ?? local[1]}`] : [key, rewrite(inner)];
      }),
    );
  };
  for (const [name, def] of Object.entries(($defs ?? {}) as JsonObject)) schemas[names.get(name)!] = rewrite(def);
  return rewrite(json) as JsonObject;
}

/** `/v1/licenses/:id/certificate` → `/v1/licenses/{id}/certificate`; a wildcard `*` becomes `{wildcard}`. */
export function toOpenApiPath(url: string): { path: string; pathParams: string[] } {
  const pathParams: string[] = [];
  const path = url
    .split("/")
    .map((segment) => {
      if (segment === "*") {
        pathParams.push("wildcard");
        return "{wildcard}";
      }
      return segment.replace(/:([A-Za-z0-9_]+)(\([^)]*\))?/g, (_match, name: string) => {
        pathParams.push(name);
        return `{${name}}`;
      });
    })
    .join("/");
  return { path, pathParams };
}

function operationId(method: string, url: string): string {
  const words = url.split(/[^A-Za-z0-9]+/).filter(Boolean).map((w) => w[0].toUpperCase() + w.slice(1));
  return method + words.join("");
}
