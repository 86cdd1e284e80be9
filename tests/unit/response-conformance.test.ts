// The response-conformance checker itself: it finds each kind of mismatch, and never passes a value by
// ignoring a keyword it does not know.
import { describe, expect, it } from "vitest";
import { schemaMismatches } from "../support/json-schema-check";
import { responseMismatches } from "../support/response-conformance";

const document = {
  paths: {
    "/things/{id}": {
      get: {
        responses: {
          "200": { description: "ok", content: { "application/json": { schema: { $ref: "#/components/schemas/Thing" } } } },
          "204": { description: "none" },
          default: { $ref: "#/components/responses/Problem" },
        },
      },
    },
  },
  components: {
    schemas: {
      Thing: { type: "object", required: ["id", "at"], properties: { id: { type: "string", pattern: "^thg_" }, at: { type: "string", format: "date-time" }, n: { type: "integer", minimum: 0 }, tags: { type: "array", items: { enum: ["a", "b"] } } }, additionalProperties: false },
      Problem: { type: "object", required: ["status"], properties: { status: { type: "integer" } } },
    },
    responses: { Problem: { description: "problem", content: { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } } } },
  },
};
const json = { "content-type": "application/json; charset=utf-8" };

describe("response conformance", () => {
  it("passes an answer that fits its status's schema", () => {
    expect(responseMismatches(document, "GET", "/things/{id}", { status: 200, headers: json, body: { id: "thg_1", at: "2026-01-01T00:00:00.000Z", tags: ["a"] } })).toEqual([]);
    expect(responseMismatches(document, "GET", "/things/{id}", { status: 404, headers: { "content-type": "application/problem+json" }, body: { status: 404 } })).toEqual([]);
    expect(responseMismatches(document, "GET", "/things/{id}", { status: 204, headers: {}, body: undefined })).toEqual([]);
  });

  it("finds a wrong field, a missing one, an extra one, a wrong content type and an undocumented body", () => {
    const check = (status: number, headers: Record<string, string>, body: unknown) => responseMismatches(document, "GET", "/things/{id}", { status, headers, body });
    expect(check(200, json, { id: "x", at: "yesterday", n: -1, tags: ["c"], extra: 1 })).toEqual([
      expect.stringMatching(/\$\.id: does not match/),
      expect.stringMatching(/\$\.at: not a date-time/),
      expect.stringMatching(/\$\.n: below 0/),
      expect.stringMatching(/\$\.tags\[0\]: "c" is not one of/),
      expect.stringMatching(/\$\.extra: no value is allowed/),
    ]);
    expect(check(200, json, { at: "2026-01-01T00:00:00Z" })).toEqual([expect.stringMatching(/\$\.id: required/)]);
    expect(check(200, { "content-type": "text/html" }, "<p>")).toEqual([expect.stringMatching(/content-type "text\/html" is not among application\/json/)]);
    expect(check(404, json, { status: 404 })).toEqual([expect.stringMatching(/not among application\/problem\+json/)]);
    expect(check(204, json, { surprise: true })).toEqual([expect.stringMatching(/a body .* where the document has none/)]);
  });

  it("reports a keyword it does not know instead of ignoring it", () => {
    expect(schemaMismatches({ type: "string", dependentSchemas: {} }, "x", {})).toEqual([expect.stringMatching(/does not know the keyword "dependentSchemas"/)]);
  });
});
