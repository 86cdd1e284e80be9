// Creating, reading, editing and listing tenants as a platform administrator: district rules, slug
// uniqueness, search and keyset pagination, and an audit event for every change.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ListTenantsResponse, TenantDto } from "../../contracts/tenant-api";
import { startAccessService, type AccessHarness } from "../support/start-access-service";
import { authorization, createPlatformAdmin, type SignedInPerson } from "../support/tenant-fixtures";

type Web = Awaited<ReturnType<AccessHarness["as"]>>;
type Problem = { code: string; reason?: string; fieldErrors?: Record<string, string[]> };

let h: AccessHarness;
let web: Web;
let admin: SignedInPerson;
const as = () => authorization(admin);

beforeAll(async () => {
  h = await startAccessService("tenants-crud");
  web = await h.as("web");
  admin = await createPlatformAdmin(h, "pat@vendor.example");
});
afterAll(async () => h?.close());

const outboxActions = async () =>
  (await h.prisma.outboxEvent.findMany({ orderBy: { createdAt: "asc" } })).map((e) => (e.payload as { action: string }).action);

describe("creating tenants", () => {
  it("creates a district with its state and agreement, and audits it", async () => {
    const res = await web.json<{ tenant: TenantDto }>("POST", "/v1/tenants", {
      slug: "springfield-usd", name: "  Springfield Unified ", kind: "district", districtState: "il",
      dataAgreement: "Illinois NDPA v2", dataAgreementSignedAt: "2026-01-15",
    }, as());
    expect(res.status).toBe(201);
    expect(res.body.tenant).toMatchObject({
      slug: "springfield-usd", name: "Springfield Unified", kind: "district", districtState: "IL",
      dataAgreement: "Illinois NDPA v2", dataAgreementSignedAt: "2026-01-15",
    });
    expect(res.body.tenant.id).toMatch(/^ten_/);
    const event = await h.prisma.outboxEvent.findFirstOrThrow({ where: { payload: { path: ["action"], equals: "tenant.create" } } });
    expect(event.payload).toMatchObject({
      actor: { type: "user", id: admin.user.id }, target: { type: "tenant", id: res.body.tenant.id }, tenantId: res.body.tenant.id,
    });
  });

  it("creates a company; blank district fields mean none", async () => {
    const res = await web.json<{ tenant: TenantDto }>("POST", "/v1/tenants", {
      slug: "acme", name: "Acme Corp", kind: "company", districtState: "", dataAgreement: "", dataAgreementSignedAt: "",
    }, as());
    expect(res.status).toBe(201);
    expect(res.body.tenant).toMatchObject({ kind: "company", districtState: null, dataAgreement: null, dataAgreementSignedAt: null });
  });

  it("refuses a taken slug with a field message (409), creating nothing", async () => {
    const before = await h.prisma.tenant.count();
    const res = await web.json<Problem>("POST", "/v1/tenants", { slug: "acme", name: "Other Acme", kind: "company" }, as());
    expect(res.status).toBe(409);
    expect(res.body.fieldErrors?.slug?.[0]).toMatch(/slug/);
    expect(await h.prisma.tenant.count()).toBe(before);
  });

  it("a slug race ends in one tenant and one 409, not a 500", async () => {
    const body = { slug: "racer", name: "Racer", kind: "company" };
    const results = await Promise.all([1, 2, 3].map(() => web.json<Problem>("POST", "/v1/tenants", body, as())));
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409]);
    expect(await h.prisma.tenant.count({ where: { slug: "racer" } })).toBe(1);
  });

  it.each([
    [{ slug: "no-state", name: "D", kind: "district" }, "districtState"],
    [{ slug: "wrong-state", name: "D", kind: "district", districtState: "XX" }, "districtState"],
    [{ slug: "co-state", name: "C", kind: "company", districtState: "CA" }, "districtState"],
    [{ slug: "co-agreement", name: "C", kind: "company", dataAgreement: "NDPA" }, "dataAgreement"],
    [{ slug: "date-alone", name: "D", kind: "district", districtState: "CA", dataAgreementSignedAt: "2026-01-01" }, "dataAgreementSignedAt"],
    [{ slug: "future", name: "D", kind: "district", districtState: "CA", dataAgreement: "A", dataAgreementSignedAt: "2999-01-01" }, "dataAgreementSignedAt"],
    [{ slug: "bad-date", name: "D", kind: "district", districtState: "CA", dataAgreement: "A", dataAgreementSignedAt: "2026-02-30" }, "dataAgreementSignedAt"],
    [{ slug: "Upper", name: "U", kind: "company" }, "slug"],
    [{ slug: "a", name: "U", kind: "company" }, "slug"],
    [{ slug: "trailing-", name: "U", kind: "company" }, "slug"],
    [{ slug: "x".repeat(64), name: "U", kind: "company" }, "slug"],
    [{ slug: "blank-name", name: "   ", kind: "company" }, "name"],
    [{ slug: "nul-name", name: "a\u0000b", kind: "company" }, "name"],
    [{ slug: "no-kind", name: "K" }, "kind"],
  ])("refuses %j with a message on %s (422), creating nothing", async (body, field) => {
    const before = await h.prisma.tenant.count();
    const res = await web.json<Problem>("POST", "/v1/tenants", body, as());
    expect(res.status).toBe(422);
    expect(res.headers["content-type"]).toMatch(/problem\+json/);
    expect(Object.keys(res.body.fieldErrors ?? {})).toContain(field);
    expect(await h.prisma.tenant.count()).toBe(before);
  });
});

describe("editing a tenant", () => {
  let id: string;
  beforeAll(async () => {
    id = (await web.json<{ tenant: TenantDto }>("POST", "/v1/tenants", { slug: "edit-me", name: "Edit Me", kind: "company" }, as())).body.tenant.id;
  });

  it("turns a company into a district only together with its state, and audits what changed", async () => {
    const half = await web.json<Problem>("PATCH", `/v1/tenants/${id}`, { kind: "district" }, as());
    expect([half.status, Object.keys(half.body.fieldErrors ?? {})]).toEqual([422, ["districtState"]]);
    const res = await web.json<{ tenant: TenantDto }>("PATCH", `/v1/tenants/${id}`, { kind: "district", districtState: "TX", name: "Edit Me ISD" }, as());
    expect(res.status).toBe(200);
    expect(res.body.tenant).toMatchObject({ slug: "edit-me", kind: "district", districtState: "TX", name: "Edit Me ISD" });
    const events = await h.prisma.outboxEvent.findMany({ where: { payload: { path: ["action"], equals: "tenant.update" } } });
    expect(events).toHaveLength(1);
    expect(events[0].payload).toMatchObject({
      target: { id }, data: { changed: ["name", "kind", "districtState"], before: { kind: "company", districtState: null }, after: { kind: "district", districtState: "TX" } },
    });
  });

  it("cannot remove a district's state, and cannot change the slug", async () => {
    expect((await web.json("PATCH", `/v1/tenants/${id}`, { districtState: null }, as())).status).toBe(422);
    expect((await web.json("PATCH", `/v1/tenants/${id}`, { slug: "other" }, as())).status).toBe(422);
    expect((await h.prisma.tenant.findUniqueOrThrow({ where: { id } })).districtState).toBe("TX");
  });

  it("records the agreement; an edit that changes nothing writes no event", async () => {
    const signed = await web.json<{ tenant: TenantDto }>("PATCH", `/v1/tenants/${id}`, { dataAgreement: "TX-DPA", dataAgreementSignedAt: "2025-09-01" }, as());
    expect(signed.body.tenant.dataAgreementSignedAt).toBe("2025-09-01");
    const events = await h.prisma.outboxEvent.count();
    const same = await web.json<{ tenant: TenantDto }>("PATCH", `/v1/tenants/${id}`, { dataAgreement: "TX-DPA" }, as());
    expect(same.status).toBe(200);
    expect(await h.prisma.outboxEvent.count()).toBe(events);
  });

  it("answers 404 for an unknown tenant and for a malformed id (one rule, contracts/problem.ts)", async () => {
    expect((await web.json("GET", "/v1/tenants/ten_doesnotexist", undefined, as())).status).toBe(404);
    expect((await web.json("PATCH", "/v1/tenants/ten_doesnotexist", { name: "X" }, as())).status).toBe(404);
    expect((await web.json<{ reason?: string }>("GET", "/v1/tenants/lic_wrongprefix", undefined, as())).body.reason).toBe("malformed-path");
    expect((await web.json("GET", `/v1/tenants/${encodeURIComponent("ten_a'; drop table tenants;--")}`, undefined, as())).status).toBe(404);
  });
});

describe("listing tenants", () => {
  beforeAll(async () => {
    for (let i = 0; i < 23; i++) {
      const n = String(i).padStart(2, "0");
      await web.json("POST", "/v1/tenants", i % 2
        ? { slug: `page-co-${n}`, name: `Paging Company ${n}`, kind: "company" }
        : { slug: `page-district-${n}`, name: `paging district ${n}`, kind: "district", districtState: "NY" }, as());
    }
    await web.json("POST", "/v1/tenants", { slug: "percent", name: "100% Literal_Co", kind: "company" }, as());
  });

  it("walks every page once, in name order, with a cursor", async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `/v1/tenants?search=paging&limit=5${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`;
      const res: { status: number; body: ListTenantsResponse } = await web.json<ListTenantsResponse>("GET", query, undefined, as());
      expect(res.status).toBe(200);
      expect(res.body.tenants.length).toBeLessThanOrEqual(5);
      seen.push(...res.body.tenants.map((t) => t.slug));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(23);
    expect(new Set(seen).size).toBe(23);
    const all = (await web.json<ListTenantsResponse>("GET", "/v1/tenants?search=PAGING&limit=100", undefined, as())).body.tenants;
    expect(all.map((t) => t.slug)).toEqual(seen);
  });

  it("filters by kind and searches name and slug case-insensitively, wildcards literally", async () => {
    const districts = (await web.json<ListTenantsResponse>("GET", "/v1/tenants?kind=district&search=Paging&limit=100", undefined, as())).body.tenants;
    expect(districts).toHaveLength(12);
    expect(districts.every((t) => t.kind === "district")).toBe(true);
    const bySlug = (await web.json<ListTenantsResponse>("GET", "/v1/tenants?search=PAGE-CO-07", undefined, as())).body.tenants;
    expect(bySlug.map((t) => t.slug)).toEqual(["page-co-07"]);
    const percent = (await web.json<ListTenantsResponse>("GET", `/v1/tenants?search=${encodeURIComponent("0%")}`, undefined, as())).body.tenants;
    expect(percent.map((t) => t.slug)).toEqual(["percent"]);
    const underscore = (await web.json<ListTenantsResponse>("GET", "/v1/tenants?search=l_c", undefined, as())).body.tenants;
    expect(underscore.map((t) => t.slug)).toEqual(["percent"]);
  });

  it.each(["limit=0", "limit=101", "limit=abc", "kind=school", "cursor=not-a-cursor", `cursor=${Buffer.from('["x","usr_1"]').toString("base64url")}`, `search=${"s".repeat(101)}`, "search=%00"])(
    "refuses ?%s with 422",
    async (query) => {
      const res = await web.json<Problem>("GET", `/v1/tenants?${query}`, undefined, as());
      expect(res.status).toBe(422);
      expect(res.headers["content-type"]).toMatch(/problem\+json/);
    },
  );
});

it("every change above was audited with its action", async () => {
  const actions = new Set(await outboxActions());
  expect(actions).toContain("tenant.create");
  expect(actions).toContain("tenant.update");
});
