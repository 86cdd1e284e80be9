import { beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";

const session = vi.hoisted(() => ({ bearer: "ses_token" as string | null }));
vi.mock("./session", () => ({ getSessionBearer: async () => session.bearer }));
vi.mock("./access-client", () => ({ incomingContext: async () => ({ requestId: "req-1" }) }));

const { apiRoute, readJson, readParams } = await import("./api-route");
const { AccessProblem } = await import("./access-problem");

const noParams = { params: Promise.resolve({}) };
const get = (headers: Record<string, string> = {}) => new Request("http://web.test/api/x", { headers });
const post = (body: string, headers: Record<string, string> = {}) =>
  new Request("http://web.test/api/x", { method: "POST", body, headers: { "content-type": "application/json", host: "web.test", ...headers } });

describe("web-tier API routes", () => {
  beforeEach(() => {
    session.bearer = "ses_token";
  });

  it("hands the person's bearer to the handler and answers its result as JSON", async () => {
    const res = await apiRoute(async ({ bearer }) => ({ bearer }))(get(), noParams);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ bearer: "ses_token" });
  });

  it("refuses without a session (401 problem) and never calls the handler", async () => {
    session.bearer = null;
    const handler = vi.fn();
    const res = await apiRoute(handler)(get(), noParams);
    expect(res.status).toBe(401);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect(await res.json()).toMatchObject({ code: "unauthenticated", requestId: "req-1" });
    expect(handler).not.toHaveBeenCalled();
  });

  it("passes an access-service problem on with its status, reason and field messages", async () => {
    const res = await apiRoute(async () => {
      throw new AccessProblem({ status: 409, code: "conflict", detail: "Already suspended.", reason: "already-suspended", requestId: "acc-9" });
    })(get(), noParams);
    expect(res.status).toBe(409);
    // the same document as the service's: generic title, the sentence in detail
    expect(await res.json()).toMatchObject({ type: "urn:tessera:problem:conflict", code: "conflict", title: "Conflict", detail: "Already suspended.", reason: "already-suspended", requestId: "acc-9" });
  });

  it("answers an unknown error as a generic 500 without its message", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    const res = await apiRoute(async () => {
      throw new Error("secret internals at /srv/db");
    })(get(), noParams);
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(text).not.toContain("secret internals");
    expect(JSON.parse(text)).toMatchObject({ code: "internal", requestId: "req-1" });
  });

  it("validates bodies with the contract's schema: 422 with field messages, 400 for broken JSON", async () => {
    const route = apiRoute(async ({ request }) => readJson(request, z.object({ name: z.string().min(1, "Enter a name.") })));
    const invalid = await route(post(JSON.stringify({ name: "" })), noParams);
    expect(invalid.status).toBe(422);
    expect(await invalid.json()).toMatchObject({ fieldErrors: { name: ["Enter a name."] } });
    expect((await route(post("{not json"), noParams)).status).toBe(400);
  });

  it("words validator issues for people, never in zod's own text", async () => {
    const route = apiRoute(async ({ request }) => readJson(request, z.object({ name: z.string().min(1), at: z.iso.datetime(), n: z.number().int().max(5) })));
    const res = await route(post(JSON.stringify({ name: "", at: "yesterday", n: 9 })), noParams);
    expect(res.status).toBe(422);
    const body = await res.json();
    expect(body.fieldErrors).toEqual({
      name: ["Enter a value."],
      at: ["Enter a date and time (ISO 8601, e.g. 2026-01-31T12:00:00Z)."],
      n: ["Use 5 or less."],
    });
    expect(JSON.stringify(body.fieldErrors)).not.toMatch(/Too small|Too big|Invalid|expected/);
  });

  it("refuses a NUL character in any field with a field message, before the handler's schema", async () => {
    const route = apiRoute(async ({ request }) => readJson(request, z.object({ name: z.string(), tags: z.array(z.string()) })));
    const res = await route(post(JSON.stringify({ name: "a\u0000b", tags: ["ok", "x\u0000"] })), noParams);
    expect(res.status).toBe(422);
    expect(await res.json()).toMatchObject({ reason: "nul-character", fieldErrors: { name: [expect.stringMatching(/NUL/)], "tags.1": [expect.stringMatching(/NUL/)] } });
  });

  it("refuses Origin: null and an unparsable Origin as cross-site, never a 500", async () => {
    const handler = vi.fn();
    for (const origin of ["null", "not a url", "http://[::1"]) {
      const res = await apiRoute(handler)(post("{}", { origin }), noParams);
      expect(res.status, origin).toBe(403);
    }
    expect(handler).not.toHaveBeenCalled();
  });

  it("refuses mutations from other sites", async () => {
    const handler = vi.fn();
    const res = await apiRoute(handler)(post("{}", { "sec-fetch-site": "cross-site" }), noParams);
    expect(res.status).toBe(403);
    const other = await apiRoute(handler)(post("{}", { origin: "https://evil.test" }), noParams);
    expect(other.status).toBe(403);
    expect(handler).not.toHaveBeenCalled();
  });

  it("treats a malformed id as not found", async () => {
    const route = apiRoute<{ id: string }>(async ({ params }) => readParams(params, z.object({ id: z.string().regex(/^lic_\w+$/) })));
    const res = await route(get(), { params: Promise.resolve({ id: "../../v1/tenants" }) });
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ code: "not-found", reason: "malformed-path" });
  });
});
