// The component/scope catalogue over real mTLS against a real database: default seeding (once, even
// when two starts race), who may read and write it, validation, conflicts, audit, and that malformed
// input never yields a 500 or a write.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ComponentDto, CreateScopeRequest, ListComponentsResponse, ScopeDto } from "../../contracts/catalogue-api";
import type { Problem } from "../../contracts/problem";
import { ensureDefaultCatalogue } from "../../services/access/domain/catalogue/ensure-default-catalogue";
import { auditEvents, catalogueSnapshot } from "../support/catalogue-fixtures";
import { expectValidOpenApi31, type OpenApiDocument } from "../support/openapi-checks";
import { startAccessService, type AccessHarness } from "../support/start-access-service";
import { authorization, createPlatformAdmin, createTenantWithPeople, type SignedInPerson } from "../support/tenant-fixtures";

let h: AccessHarness;
let web: Awaited<ReturnType<AccessHarness["as"]>>;
let admin: SignedInPerson;
let people: Awaited<ReturnType<typeof createTenantWithPeople>>["people"];

beforeAll(async () => {
  h = await startAccessService("catalogue");
  web = await h.as("web");
  admin = await createPlatformAdmin(h);
  people = (await createTenantWithPeople(h, { slug: "acme" })).people;
});
afterAll(async () => h?.close());

const expectProblem = (res: { status: number; headers: Record<string, unknown>; body: unknown }, status: number) => {
  expect(res.status).toBe(status);
  expect(String(res.headers["content-type"])).toMatch(/application\/problem\+json/);
};

describe("default catalogue", () => {
  it("is seeded once, even when two starts race, and audited as the access service", async () => {
    const results = await Promise.all([ensureDefaultCatalogue(h.ctx), ensureDefaultCatalogue(h.ctx)]);
    expect(results.sort()).toEqual([false, true]);
    expect(await ensureDefaultCatalogue(h.ctx)).toBe(false);

    const components = await h.prisma.component.findMany({ include: { scopes: true }, orderBy: { key: "asc" } });
    expect(Object.fromEntries(components.map((c) => [c.key, c.scopes.map((s) => s.key).sort()]))).toEqual({
      analytics: ["analytics:read"],
      casenotes: ["casenotes:read", "casenotes:write"],
      etl: ["etl:read", "etl:run"],
      reports: ["reports:read", "reports:write"],
      storage: ["storage:read", "storage:write"],
      streaming: ["streaming:consume", "streaming:publish"],
      surveys: ["surveys:read", "surveys:write"],
    });
    const tiers = await h.prisma.serviceTier.findMany({ include: { scopes: { include: { scope: true } } }, orderBy: { key: "asc" } });
    expect(tiers.map((t) => [t.key, t.scopes.length])).toEqual([["enterprise", 13], ["standard", 7]]);
    const standard = tiers.find((t) => t.key === "standard")!;
    expect(standard.scopes.every((s) => /:(read|consume)$/.test(s.scope.key))).toBe(true);
    expect(standard.tokenDefaultTtlHours).toBeLessThanOrEqual(standard.tokenMaxTtlHours);

    const created = [...(await auditEvents(h, "component.create")), ...(await auditEvents(h, "scope.create")), ...(await auditEvents(h, "tier.create"))];
    expect(created).toHaveLength(7 + 13 + 2);
    expect(created.every((e) => e.actor.type === "service" && e.actor.id === "access")).toBe(true);
  });
});

describe("GET /v1/components", () => {
  it("lists every component with its scopes, sorted, for platform admins, tenant admins and members", async () => {
    for (const person of [admin, people.tenant_admin, people.tenant_member]) {
      const res = await web.json<ListComponentsResponse>("GET", "/v1/components", undefined, authorization(person));
      expect(res.status).toBe(200);
      const keys = res.body.components.map((c) => c.key);
      expect(keys).toEqual([...keys].sort());
      expect(keys).toContain("reports");
      const reports = res.body.components.find((c) => c.key === "reports")!;
      expect(reports.id).toMatch(/^cmp_/);
      expect(reports.scopes.map((s) => s.key)).toEqual(["reports:read", "reports:write"]);
    }
  });

  it("is refused to district reviewers (403), without a session (401) and to other identities (403)", async () => {
    expectProblem(await web.json("GET", "/v1/components", undefined, authorization(people.district_reviewer)), 403);
    expectProblem(await web.json("GET", "/v1/components"), 401);
    expectProblem(await web.json("GET", "/v1/components", undefined, authorization("ses_not-a-session")), 401);
    const operator = await h.as("operator");
    expectProblem(await operator.json("GET", "/v1/components", undefined, authorization(admin)), 403);
  });
});

describe("POST /v1/components and /v1/components/:id/scopes", () => {
  let billing: ComponentDto;

  it("lets a platform admin add a component and its scopes, audited", async () => {
    const res = await web.json<{ component: ComponentDto }>("POST", "/v1/components", { key: "billing", name: "Billing", description: "Invoices." }, authorization(admin));
    expect(res.status).toBe(201);
    billing = res.body.component;
    expect(billing).toMatchObject({ key: "billing", name: "Billing", description: "Invoices.", scopes: [] });
    const scope = await web.json<{ scope: { key: string; componentId: string } }>("POST", `/v1/components/${billing.id}/scopes`, { key: "billing:read" }, authorization(admin));
    expect(scope.status).toBe(201);
    expect(scope.body.scope).toMatchObject({ key: "billing:read", componentId: billing.id });

    const listed = await web.json<ListComponentsResponse>("GET", "/v1/components", undefined, authorization(people.tenant_member));
    expect(listed.body.components.find((c) => c.key === "billing")?.scopes.map((s) => s.key)).toEqual(["billing:read"]);
    const [componentEvent] = await auditEvents(h, "component.create").then((events) => events.filter((e) => e.target?.id === billing.id));
    expect(componentEvent.actor).toMatchObject({ type: "user", id: admin.user.id });
    const scopeEvents = (await auditEvents(h, "scope.create")).filter((e) => e.data.key === "billing:read");
    expect(scopeEvents).toHaveLength(1);
  });

  it("answers 409 with a field message for a key that exists, changing nothing", async () => {
    const before = await catalogueSnapshot(h);
    const dup = await web.json<Problem>("POST", "/v1/components", { key: "reports", name: "Again" }, authorization(admin));
    expectProblem(dup, 409);
    expect(dup.body.fieldErrors?.key).toBeDefined();
    const dupScope = await web.json<Problem>("POST", `/v1/components/${billing.id}/scopes`, { key: "billing:read" }, authorization(admin));
    expectProblem(dupScope, 409);
    expect(dupScope.body.fieldErrors?.key).toBeDefined();
    expect(await catalogueSnapshot(h)).toBe(before);
  });

  it("lets exactly one of several simultaneous creations of a key succeed; the others get 409, never 500", async () => {
    const results = await Promise.all(
      Array.from({ length: 6 }, () => web.json<Problem>("POST", "/v1/components", { key: "racing", name: "Racing" }, authorization(admin))),
    );
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409, 409]);
    expect(results.filter((r) => r.status === 409).every((r) => r.body.fieldErrors?.key)).toBe(true);
    expect(await h.prisma.component.count({ where: { key: "racing" } })).toBe(1);
    expect((await auditEvents(h, "component.create")).filter((e) => e.data.key === "racing")).toHaveLength(1);
  });

  it("validates keys: lowercase, and a scope starts with its component's key", async () => {
    const before = await catalogueSnapshot(h);
    for (const key of ["Reports", "has space", "", "9lives", "a".repeat(41)]) {
      const res = await web.json<Problem>("POST", "/v1/components", { key, name: "X" }, authorization(admin));
      expectProblem(res, 422);
      expect(res.body.fieldErrors?.key).toBeDefined();
    }
    const wrongPrefix = await web.json<Problem>("POST", `/v1/components/${billing.id}/scopes`, { key: "reports:export" }, authorization(admin));
    expectProblem(wrongPrefix, 422);
    expect(wrongPrefix.body.fieldErrors?.key?.[0]).toContain("billing:");
    const noAction = await web.json<Problem>("POST", `/v1/components/${billing.id}/scopes`, { key: "billing" }, authorization(admin));
    expectProblem(noAction, 422);
    const unknownField = await web.json<Problem>("POST", "/v1/components", { key: "ok", name: "Ok", colour: "red" }, authorization(admin));
    expectProblem(unknownField, 422);
    expect(await catalogueSnapshot(h)).toBe(before);
  });

  it("answers 404 for an unknown component and for a malformed id (one rule, contracts/problem.ts)", async () => {
    expectProblem(await web.json("POST", "/v1/components/cmp_doesnotexist/scopes", { key: "x:read" }, authorization(admin)), 404);
    expectProblem(await web.json("POST", "/v1/components/ten_abc/scopes", { key: "x:read" }, authorization(admin)), 404);
  });

  it("is refused to tenant admins, members and reviewers (403), without a session (401), to other identities (403)", async () => {
    const before = await catalogueSnapshot(h);
    for (const person of [people.tenant_admin, people.tenant_member, people.district_reviewer]) {
      expectProblem(await web.json("POST", "/v1/components", { key: "sneaky", name: "Sneaky" }, authorization(person)), 403);
      expectProblem(await web.json("POST", `/v1/components/${billing.id}/scopes`, { key: "billing:sneak" }, authorization(person)), 403);
      // read-only roles are refused before validation, whatever they send
      expectProblem(await web.json("POST", "/v1/components", { key: 42 }, authorization(person)), 403);
    }
    expectProblem(await web.json("POST", "/v1/components", { key: "sneaky", name: "Sneaky" }), 401);
    const operator = await h.as("operator");
    expectProblem(await operator.json("POST", "/v1/components", { key: "sneaky", name: "Sneaky" }, authorization(admin)), 403);
    expectProblem(await operator.json("POST", `/v1/components/${billing.id}/scopes`, { key: "billing:sneak" }, authorization(admin)), 403);
    expect(await catalogueSnapshot(h)).toBe(before);
  });

  it("answers malformed bodies and ids with 4xx problem+json, never 500, and changes nothing", async () => {
    const before = await catalogueSnapshot(h);
    const invalidComponent = fc.oneof(
      fc.jsonValue(),
      fc.record({ key: fc.oneof(fc.string(), fc.integer(), fc.constant(null)), name: fc.oneof(fc.string(), fc.integer()), description: fc.anything() }, { requiredKeys: [] }),
    );
    await fc.assert(
      fc.asyncProperty(invalidComponent, async (body) => {
        // the rare valid body would create a component: keep to those that would not
        fc.pre(!(typeof body === "object" && body !== null && !Array.isArray(body) && /^[a-z][a-z0-9_-]{0,39}$/.test(String((body as { key?: unknown }).key)) && typeof (body as { name?: unknown }).name === "string" && String((body as { name: string }).name).trim() !== ""));
        const res = await web.json("POST", "/v1/components", body, authorization(admin));
        expect(res.status).toBeGreaterThanOrEqual(400);
        expect(res.status).toBeLessThan(500);
        expect(String(res.headers["content-type"])).toMatch(/problem\+json/);
      }),
      { numRuns: 60 },
    );
    await fc.assert(
      fc.asyncProperty(fc.string({ minLength: 1, maxLength: 80 }), fc.jsonValue(), async (id, body) => {
        const res = await web.json("POST", `/v1/components/${encodeURIComponent(id)}/scopes`, body as CreateScopeRequest, authorization(admin));
        expect(res.status).toBeGreaterThanOrEqual(400);
        expect(res.status).toBeLessThan(500);
      }),
      { numRuns: 60 },
    );
    for (const raw of ["{", "null", "[]", '"text"', "{\"key\":"]) {
      const res = await web.raw("POST", "/v1/components", raw, { ...authorization(admin), "content-type": "application/json" });
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
    }
    const text = await web.raw("POST", "/v1/components", "key=x", { ...authorization(admin), "content-type": "text/plain" });
    expect(text.status).toBeGreaterThanOrEqual(400);
    expect(text.status).toBeLessThan(500);
    expect(await catalogueSnapshot(h)).toBe(before);
  });
});

describe("PATCH /v1/components/:id and /v1/scopes/:id (the console's Rename)", () => {
  const create = async (key: string) => {
    const { component } = (await web.json<{ component: ComponentDto }>("POST", "/v1/components", { key, name: `Name ${key}` }, authorization(admin))).body;
    const { scope } = (await web.json<{ scope: ScopeDto }>("POST", `/v1/components/${component.id}/scopes`, { key: `${key}:read`, description: "Read" }, authorization(admin))).body;
    return { component, scope };
  };

  it("refuses an empty or too-long name, and a too-long scope description, at the field with the contract's words, changing nothing", async () => {
    const { component, scope } = await create("renamebad");
    const before = await catalogueSnapshot(h);
    for (const [name, message] of [["   ", "Enter a name."], ["x".repeat(101), "Use at most 100 characters."]]) {
      const res = await web.json<Problem>("PATCH", `/v1/components/${component.id}`, { name }, authorization(admin));
      expectProblem(res, 422);
      expect(res.body.fieldErrors?.name).toEqual([message]);
    }
    const long = await web.json<Problem>("PATCH", `/v1/scopes/${scope.id}`, { description: "x".repeat(501) }, authorization(admin));
    expectProblem(long, 422);
    expect(long.body.fieldErrors?.description).toEqual(["Use at most 500 characters."]);
    expect(await catalogueSnapshot(h)).toBe(before);
  });

  it("renames a retired component and a retired scope too (what the console offers), keys unchanged, audited", async () => {
    const { component, scope } = await create("renameretired");
    expect((await web.json("POST", `/v1/scopes/${scope.id}/retire`, { confirmKey: scope.key }, authorization(admin))).status).toBe(200);
    expect((await web.json("POST", `/v1/components/${component.id}/retire`, { confirmKey: component.key }, authorization(admin))).status).toBe(200);
    const renamed = await web.json<{ component: ComponentDto }>("PATCH", `/v1/components/${component.id}`, { name: "Old reports" }, authorization(admin));
    expect(renamed.status).toBe(200);
    expect(renamed.body.component).toMatchObject({ key: "renameretired", name: "Old reports" });
    expect(renamed.body.component.retiredAt).not.toBeNull();
    const scopeRenamed = await web.json<{ scope: ScopeDto }>("PATCH", `/v1/scopes/${scope.id}`, { description: "Read (retired)" }, authorization(admin));
    expect(scopeRenamed.body.scope).toMatchObject({ key: scope.key, description: "Read (retired)" });
    expect((await auditEvents(h, "component.rename")).find((e) => e.target?.id === component.id)?.data).toMatchObject({ from: "Name renameretired", to: "Old reports" });
    expect((await auditEvents(h, "scope.rename")).find((e) => e.target?.id === scope.id)?.data).toMatchObject({ from: "Read", to: "Read (retired)" });
  });
});

describe("OpenAPI description", () => {
  it("documents the catalogue and tier endpoints with their bodies, in a valid OpenAPI 3.1 document", async () => {
    const res = await web.json<OpenApiDocument>("GET", "/openapi.json");
    expect(res.status).toBe(200);
    const mine = ["get /v1/components", "post /v1/components", "post /v1/components/{id}/scopes", "get /v1/tiers", "post /v1/tiers", "get /v1/tiers/{id}", "patch /v1/tiers/{id}", "post /v1/tiers/{id}/preview"];
    for (const operation of mine) {
      const [method, path] = operation.split(" ");
      const documented = res.body.paths[path]?.[method] as { summary?: string; responses?: Record<string, unknown> } | undefined;
      expect(documented?.summary, operation).not.toMatch(/undocumented/);
      expect(documented?.responses, operation).toBeDefined();
    }
    await expectValidOpenApi31(res.body);
  });
});
