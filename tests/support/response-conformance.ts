// Response conformance: does a real answer match what the OpenAPI document says for its operation, status
// and content type? The documented response is the status's own or `default`; its content type must be
// one the document lists (or none, for a response documented without a body), and the body must fit that
// content's schema (tests/support/json-schema-check.ts).
import { resolvePointer, schemaMismatches } from "./json-schema-check";

type Operation = { responses?: Record<string, unknown> };
type Document = { paths: Record<string, Record<string, Operation>> };
type MediaType = { schema?: unknown };
type ResponseObject = { content?: Record<string, MediaType> };

export type Answer = { status: number; headers: Record<string, unknown>; body: unknown };

function deref<T>(document: unknown, value: unknown): T | undefined {
  let node = value;
  for (let hops = 0; node && typeof node === "object" && typeof (node as { $ref?: unknown }).$ref === "string" && hops < 10; hops++) {
    node = resolvePointer(document, (node as { $ref: string }).$ref);
  }
  return node as T | undefined;
}

/** The operation for `method` and `pathTemplate` ("/v1/tokens/{id}"), or undefined. */
export function operationOf(document: Document, method: string, pathTemplate: string): Operation | undefined {
  return document.paths[pathTemplate]?.[method.toLowerCase()];
}

/** Every mismatch between `answer` and the document (empty when the answer conforms). */
export function responseMismatches(document: Document, method: string, pathTemplate: string, answer: Answer): string[] {
  const where = `${method.toUpperCase()} ${pathTemplate} → ${answer.status}`;
  const operation = operationOf(document, method, pathTemplate);
  if (!operation) return [`${where}: no such operation in the document`];
  const documented = operation.responses?.[String(answer.status)] ?? operation.responses?.default;
  if (!documented) return [`${where}: status not documented and no default`];
  const response = deref<ResponseObject>(document, documented);
  if (!response) return [`${where}: the response's $ref does not resolve`];
  const contentType = String(answer.headers["content-type"] ?? "").split(";")[0].trim().toLowerCase();
  const hasBody = answer.body !== undefined && answer.body !== "";
  if (!response.content) return hasBody ? [`${where}: a body (${contentType || "no content-type"}) where the document has none`] : [];
  if (!hasBody && answer.status === 204) return [];
  const media = response.content[contentType];
  if (!media) return [`${where}: content-type "${contentType}" is not among ${Object.keys(response.content).join(", ")}`];
  return media.schema === undefined ? [] : schemaMismatches(media.schema, answer.body, document).map((m) => `${where}: ${m}`);
}
