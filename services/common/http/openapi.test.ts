import Fastify from "fastify";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { documentOperations, expectValidOpenApi31, fastifyOperations, type OpenApiDocument } from "../../../tests/support/openapi-checks";
import { installOpenApi, toOpenApiPath } from "./openapi";

type Node = { name: string; children: Node[] };
const node: z.ZodType<Node> = z.object({ name: z.string(), get children() { return z.array(node); } });
type Chain = { value: number; next: Chain | null };
const chain: z.ZodType<Chain> = z.object({ value: z.number(), get next() { return chain.nullable(); } });

async function serviceWithRoutes() {
  const app = Fastify();
  installOpenApi(app, { title: "Test service", version: "1" });
  app.post(
    "/v1/things/:id/rename",
    {
      config: {
        policy: { endpoint: "POST /v1/things/:id/rename", callers: ["web"], bearer: "session", permission: "catalog.write" },
        openapi: {
          summary: "Renames a thing.",
          params: z.object({ id: z.string().regex(/^thg_/) }),
          query: z.object({ dryRun: z.enum(["true", "false"]).optional(), limit: z.coerce.number().int().default(5) }),
          body: z.object({ name: z.string().trim().min(1) }),
          response: z.object({ id: z.string(), name: z.string(), tree: node }),
          problems: { 404: "No such thing.", 409: "Renamed concurrently." },
        },
      },
    },
    async () => ({}),
  );
  app.delete("/v1/things/:id", { config: { policy: { endpoint: "DELETE /v1/things/:id", callers: ["operator"] }, openapi: { summary: "Deletes a thing.", status: 204 } } }, async () => null);
  app.get("/v1/chains", { config: { policy: { endpoint: "GET /v1/chains", callers: "any" }, openapi: { summary: "Another recursive shape.", response: z.object({ chain }) } } }, async () => ({}));
  // No documentation at all: must still be described.
  app.route({ method: ["GET", "PUT"], url: "/v1/legacy/:a/:b", handler: async () => ({}) });
  await app.ready();
  const document = (await app.inject({ method: "GET", url: "/openapi.json" })).json<OpenApiDocument>();
  return { app, document };
}

describe("OpenAPI description", () => {
  it("turns Fastify paths into OpenAPI paths and names their parameters", () => {
    expect(toOpenApiPath("/v1/licenses/:id/certificate")).toEqual({ path: "/v1/licenses/{id}/certificate", pathParams: ["id"] });
    expect(toOpenApiPath("/files/:name(^\\w+).:ext")).toEqual({ path: "/files/{name}.{ext}", pathParams: ["name", "ext"] });
    expect(toOpenApiPath("/static/*")).toEqual({ path: "/static/{wildcard}", pathParams: ["wildcard"] });
  });

  it("is valid OpenAPI 3.1 and lists every route, documented or not, and itself", async () => {
    const { app, document } = await serviceWithRoutes();
    await expectValidOpenApi31(document);
    expect(documentOperations(document)).toEqual(fastifyOperations(app));
    expect(documentOperations(document)).toEqual(
      ["delete /v1/things/{id}", "get /openapi.json", "get /v1/chains", "get /v1/legacy/{a}/{b}", "post /v1/things/{id}/rename", "put /v1/legacy/{a}/{b}"].sort(),
    );
    const legacy = document.paths["/v1/legacy/{a}/{b}"].get;
    expect(legacy.parameters?.map((p) => [p.name, p.in])).toEqual([["a", "path"], ["b", "path"]]);
    await app.close();
  });

  it("documents parameters, body, response and problems from the route's doc, and callers, permission and bearer from its policy", async () => {
    const { app, document } = await serviceWithRoutes();
    const rename = document.paths["/v1/things/{id}/rename"].post as Record<string, unknown> & OpenApiDocument["paths"][string][string];
    expect(rename.summary).toBe("Renames a thing.");
    expect(rename["x-callers"]).toEqual(["web"]);
    expect(rename["x-permission"]).toBe("catalog.write");
    expect(rename.security).toEqual([{ mutualTLS: [], bearer: [] }]);
    expect(rename.parameters).toEqual([
      { name: "id", in: "path", required: true, schema: { type: "string", pattern: "^thg_" } },
      { name: "dryRun", in: "query", required: false, schema: { type: "string", enum: ["true", "false"] } },
      // a default makes the input optional
      { name: "limit", in: "query", required: false, schema: expect.objectContaining({ type: "integer", default: 5 }) },
    ]);
    expect(rename.requestBody).toMatchObject({ required: true, content: { "application/json": { schema: { type: "object", required: ["name"] } } } });
    expect(Object.keys(rename.responses ?? {}).sort()).toEqual(["200", "401", "403", "404", "409", "422", "default"]);
    expect(rename.responses?.["404"]).toEqual({ $ref: "#/components/responses/Problem", description: "No such thing." });
    // recursive schemas' definitions move to components, one entry each, where their references point
    const trees = JSON.stringify(rename.responses?.["200"]);
    const chains = JSON.stringify(document.paths["/v1/chains"].get.responses?.["200"]);
    expect(trees + chains).not.toContain("#/$defs/");
    const treeRef = /"(#\/components\/schemas\/[^"]+)"/.exec(trees)![1];
    const chainRef = /"(#\/components\/schemas\/[^"]+)"/.exec(chains)![1];
    expect(treeRef).not.toBe(chainRef);
    expect(JSON.stringify(document.components.schemas[treeRef.split("/").pop()!])).toContain('"children"');
    expect(JSON.stringify(document.components.schemas[chainRef.split("/").pop()!])).toContain('"next"');
    expect(document.components.responses.Problem).toMatchObject({ content: { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } } });
    expect(document.components.schemas.Problem).toMatchObject({ type: "object", required: expect.arrayContaining(["type", "title", "status", "code"]) });

    const remove = document.paths["/v1/things/{id}"].delete;
    expect(Object.keys(remove.responses ?? {}).sort()).toEqual(["204", "403", "default"]);
    await app.close();
  });

  it("the checks themselves fail on a broken document", async () => {
    const { app, document } = await serviceWithRoutes();
    const dangling = structuredClone(document);
    dangling.paths["/v1/things/{id}"].delete.responses = { "204": { $ref: "#/components/responses/Nope" } };
    await expect(expectValidOpenApi31(dangling)).rejects.toThrow();
    const noResponses = structuredClone(document);
    delete noResponses.paths["/v1/things/{id}"].delete.responses;
    await expect(expectValidOpenApi31(noResponses)).rejects.toThrow();
    const undeclaredParam = structuredClone(document);
    undeclaredParam.paths["/v1/legacy/{a}/{b}"].get.parameters = [];
    await expect(expectValidOpenApi31(undeclaredParam)).rejects.toThrow();
    await app.close();
  });
});
