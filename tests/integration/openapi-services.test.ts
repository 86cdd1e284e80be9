// GET /openapi.json on both internal services, over real mTLS: a valid OpenAPI 3.1 document that lists
// every route in Fastify's own route table (so a new, undocumented route still appears), served to any
// identity of the internal CA.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "../../services/common/db/open-database";
import { createMtlsClient } from "../../services/common/http/mtls-client";
import { registerClientViaApi, tokenRequestAs } from "../support/oauth-fixtures";
import { documentOperations, expectValidOpenApi31, fastifyOperations, type OpenApiDocument } from "../support/openapi-checks";
import { responseMismatches } from "../support/response-conformance";
import { createTokenViaApi, createTokenWorld } from "../support/token-fixtures";
import { startAccessService, type AccessHarness } from "../support/start-access-service";
import { startAuditService, type RunningAudit } from "../support/start-audit-service";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

let access: AccessHarness;
let auditDb: TestDatabase;
let db: Database;
let audit: RunningAudit;
const clients: ReturnType<typeof createMtlsClient>[] = [];

beforeAll(async () => {
  access = await startAccessService("openapi");
  auditDb = await createTestDatabase("openapi_audit");
  db = await openDatabase({ url: auditDb.url, embeddedDir: auditDb.embeddedDir });
  audit = await startAuditService({ pki: access.pki, connectionString: db.connectionString, poolMax: db.poolMax, chainKey: randomBytes(32) });
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await audit?.app.close();
  await db?.close();
  await auditDb?.drop();
  await access?.close();
});

const asConformanceDocument = (document: OpenApiDocument) => document as unknown as Parameters<typeof responseMismatches>[0];

async function fetchDocument(service: "access" | "audit", identity: string) {
  await access.as(identity); // issues the identity's certificate once
  const client = createMtlsClient(service === "access" ? access.url : audit.url, await access.pki.client(identity));
  clients.push(client);
  return client.json<OpenApiDocument>("GET", "/openapi.json");
}

describe("GET /openapi.json", () => {
  for (const service of ["access", "audit"] as const) {
    it(`${service}: valid OpenAPI 3.1 listing every registered route`, async () => {
      const res = await fetchDocument(service, "web");
      expect(res.status).toBe(200);
      expect(res.headers["content-type"]).toMatch(/^application\/json/);
      await expectValidOpenApi31(res.body);
      const app = service === "access" ? access.app : audit.app;
      expect(documentOperations(res.body)).toEqual(fastifyOperations(app));
      // every operation can fail with a problem+json
      for (const item of Object.values(res.body.paths)) {
        for (const operation of Object.values(item)) expect(operation.responses?.default).toEqual({ $ref: "#/components/responses/Problem" });
      }
    });

    it(`${service}: served to every identity of the internal CA`, async () => {
      for (const identity of ["web", "operator", "access", "reports-worker"]) {
        expect((await fetchDocument(service, identity)).status).toBe(200);
      }
    });
  }

  it("describes the access service's documented routes with their callers, inputs and outputs", async () => {
    const { body } = await fetchDocument("access", "operator");
    const certificate = body.paths["/v1/licenses/{id}/certificate"].get as Record<string, unknown>;
    expect(certificate).toMatchObject({
      "x-callers": ["web"],
      security: [{ mutualTLS: [], bearer: [] }],
      parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }, { name: "fingerprint", in: "query", required: false, schema: { type: "string" } }],
    });
    expect(Object.keys(certificate.responses as object).sort()).toEqual(["200", "401", "403", "404", "409", "422", "default"]);
    const jwks = body.paths["/.well-known/jwks.json"].get as { responses: Record<string, { content?: Record<string, unknown> }> };
    expect(Object.keys(jwks.responses["200"].content ?? {})).toEqual(["application/jwk-set+json"]);
    const signIn = body.paths["/v1/auth/sign-in"].post as { requestBody?: unknown; summary: string };
    expect(signIn.summary).not.toMatch(/undocumented/);
    expect(signIn.requestBody).toMatchObject({ content: { "application/json": { schema: { required: ["email", "password"] } } } });
    expect(body.components.securitySchemes).toMatchObject({ mutualTLS: { type: "mutualTLS" }, bearer: { type: "http", scheme: "bearer" } });
  });

  it("describes the OAuth endpoints' form-encoded bodies and their RFC 6749 §5.2 error shape", async () => {
    const { body } = await fetchDocument("access", "operator");
    for (const path of ["/oauth/token", "/oauth/introspect", "/oauth/revoke"]) {
      const operation = body.paths[path].post as { requestBody: { content: Record<string, { schema: { required?: string[] } }> }; responses: Record<string, unknown> };
      expect(Object.keys(operation.requestBody.content), path).toEqual(["application/x-www-form-urlencoded", "application/json"]);
      expect(operation.requestBody.content["application/x-www-form-urlencoded"].schema).toEqual(operation.requestBody.content["application/json"].schema);
      expect(operation.responses["400"], path).toMatchObject({ $ref: "#/components/responses/OAuthError" });
      expect(operation.responses["401"], path).toMatchObject({ $ref: "#/components/responses/OAuthError" });
      expect(operation.responses, path).not.toHaveProperty("422");
      expect(operation.responses, path).not.toHaveProperty("403");
    }
    const introspect = body.paths["/oauth/introspect"].post as { requestBody: { content: Record<string, { schema: { required?: string[] } }> } };
    expect(introspect.requestBody.content["application/x-www-form-urlencoded"].schema.required).toEqual(["token"]);
    expect(body.components.responses.OAuthError).toEqual({
      description: expect.any(String),
      content: { "application/json": { schema: { $ref: "#/components/schemas/OAuthError" } } },
    });
    expect(body.components.schemas.OAuthError).toMatchObject({ type: "object", required: ["error", "error_description"], properties: { error: { enum: expect.arrayContaining(["invalid_request", "invalid_client"]) } } });
  });

  it("real answers of the OAuth endpoints, granted and refused, fit the document", async () => {
    const { body: document } = await fetchDocument("access", "operator");
    const w = await createTokenWorld(access, "oa");
    const client = await registerClientViaApi(access, w.acme.people.tenant_admin, w.licenseId, { name: "Doc", certIdentity: "oa-worker", scopes: ["oareports:read"] });
    const { secret } = await createTokenViaApi(access, w.acme.people.tenant_admin, w.licenseId, { scopes: ["oareports:read"] });
    const form = { "content-type": "application/x-www-form-urlencoded" };
    const worker = await access.as("oa-worker");
    const web = await access.as("web");
    const answers: [string, Awaited<ReturnType<typeof worker.raw>>, number][] = [
      ["/oauth/token", await tokenRequestAs(access, "oa-worker", { grant_type: "client_credentials", client_id: client.id }), 200],
      ["/oauth/token", await tokenRequestAs(access, "oa-worker", { grant_type: "password", client_id: client.id }), 400],
      ["/oauth/token", await tokenRequestAs(access, "oa-worker", { grant_type: "client_credentials", client_id: "cli_nobody" }), 401],
      ["/oauth/introspect", await worker.raw("POST", "/oauth/introspect", `token=${secret}`, form), 200],
      ["/oauth/introspect", await worker.raw("POST", "/oauth/introspect", "token=tsr_unknown", form), 200],
      ["/oauth/introspect", await worker.raw("POST", "/oauth/introspect", "", form), 400],
      ["/oauth/introspect", await web.raw("POST", "/oauth/introspect", `token=${secret}`, form), 401],
      ["/oauth/revoke", await worker.raw("POST", "/oauth/revoke", JSON.stringify({ token: secret }), { "content-type": "application/json" }), 200],
      ["/oauth/revoke", await worker.raw("POST", "/oauth/revoke", "token=a&token=b", form), 400],
    ];
    for (const [path, answer, status] of answers) {
      expect(answer.status, path).toBe(status);
      expect(responseMismatches(asConformanceDocument(document), "post", path, answer), path).toEqual([]);
    }
  });

  it("documents every route of the foundation (none left as undocumented)", async () => {
    const summaries = async (service: "access" | "audit") =>
      Object.entries((await fetchDocument(service, "operator")).body.paths).flatMap(([path, item]) =>
        Object.entries(item).map(([method, op]) => ({ route: `${method} ${path}`, summary: (op as { summary: string }).summary })),
      );
    const foundation = new Set([
      "get /healthz", "get /readyz", "get /metrics", "get /openapi.json",
      "get /v1/setup/status", "get /v1/setup/links/{token}", "post /v1/setup",
      "post /v1/auth/sign-in", "get /v1/me", "post /v1/auth/sign-out", "post /v1/operator/events",
      "get /.well-known/jwks.json", "get /v1/licenses/{id}/certificate",
      "post /v1/events", "get /v1/events", "get /v1/chain/verify",
    ]);
    const undocumented = [...(await summaries("access")), ...(await summaries("audit"))]
      .filter((op) => foundation.has(op.route) && /undocumented/.test(op.summary))
      .map((op) => op.route);
    expect(undocumented).toEqual([]);
  });
});
