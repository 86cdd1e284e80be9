// The public trust page's facts and policy notices: GET /v1/trust answers the web tier without a session
// and holds nothing of any tenant; platform admins version component inventories and trust documents,
// audited; a material change gives the notice period and is announced to every district; each district's
// admins acknowledge for their district only. Every negative path: wrong role, other tenant, malformed, NUL.
import { securityControls } from "../../contracts/security-plan";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ListNoticesResponse, PublishDocumentRequest, TrustResponse } from "../../contracts/trust-api";
import { ensureDefaultCatalogue } from "../../services/access/domain/catalogue/ensure-default-catalogue";
import { ensureTrustDocuments } from "../../services/access/domain/trust/ensure-trust-documents";
import { auditEvents } from "../support/catalogue-fixtures";
import { startAccessService, type AccessHarness } from "../support/start-access-service";
import { authorization, createPlatformAdmin, createTenantWithPeople, type SignedInPerson, type TenantWithPeople } from "../support/tenant-fixtures";
import { createTestClock } from "../support/test-clock";

const day = 24 * 60 * 60 * 1000;
const clock = createTestClock();
let h: AccessHarness;
let admin: SignedInPerson;
let districtA: TenantWithPeople;
let districtB: TenantWithPeople;
let company: TenantWithPeople;
let reportsId: string;

beforeAll(async () => {
  h = await startAccessService("trust", { policyNoticeDays: 30 }, { now: clock.now });
  await ensureDefaultCatalogue(h.ctx);
  expect(await ensureTrustDocuments(h.ctx)).toBe(4);
  expect(await ensureTrustDocuments(h.ctx)).toBe(0); // once, however often the service starts
  admin = await createPlatformAdmin(h);
  districtA = await createTenantWithPeople(h, { slug: "district-a", kind: "district", name: "Adams School District" });
  districtB = await createTenantWithPeople(h, { slug: "district-b", kind: "district", name: "Boulder Valley Schools" });
  company = await createTenantWithPeople(h, { slug: "acme", kind: "company", name: "Acme Corp" });
  reportsId = (await h.prisma.component.findUniqueOrThrow({ where: { key: "reports" } })).id;
});
afterAll(async () => {
  await h?.close();
});

type Json<T = unknown> = { status: number; body: T };
const call = async <T = Record<string, unknown>>(method: "GET" | "POST", url: string, person?: SignedInPerson | null, body?: unknown): Promise<Json<T>> =>
  (await h.as("web")).json<T>(method, url, body, person ? authorization(person) : {});
const trust = async () => (await call<TrustResponse>("GET", "/v1/trust")).body;

const element = { element: "Report contents", category: "Assessment", purpose: "To produce the reports a district asks for.", retention: "Until the district deletes the report, or 90 days after the contract ends.", recipients: "No one." };
const policyText = (text: string): PublishDocumentRequest => ({ content: { kind: "privacy_policy", text }, summary: "Clearer wording.", material: false });

describe("GET /v1/trust", () => {
  it("answers the web tier without a session: every component, Tessera's own tables, version 1 of each document, the security plan's controls (not yet checked)", async () => {
    const res = await call<TrustResponse>("GET", "/v1/trust");
    expect(res.status).toBe(200);
    expect(res.body.components.map((c) => c.key)).toContain("reports");
    expect(res.body.tessera.map((t) => t.table)).toEqual(expect.arrayContaining(["User", "License", "AuditEvent"]));
    for (const part of [res.body.privacyPolicy, res.body.subprocessors, res.body.commitments, res.body.securityContact]) expect(part.current?.version).toBe(1);
    expect(res.body.commitments.current?.content).toMatchObject({ kind: "commitments" });
    const controls = res.body.securityPlan.controls as { id: string; function: string; status: string }[];
    expect(controls.length).toBe(securityControls.length);
    expect(new Set(controls.map((c) => c.function))).toEqual(new Set(["Govern", "Identify", "Protect", "Detect", "Respond", "Recover"]));
    // no check has run in this database: a checked control says so, and no evidence is published
    expect(controls.find((c) => c.id === "GV.OV-1")?.status).toBe("checked live; not run yet");
    expect(JSON.stringify(res.body.securityPlan)).not.toContain("evidence");
    expect(res.body.noticeDays).toBe(30);
  });

  it("holds nothing of any tenant: no tenant's name, slug, id or people", async () => {
    const text = JSON.stringify(await trust());
    for (const t of [districtA, districtB, company]) {
      for (const needle of [t.tenant.id, t.tenant.slug, t.tenant.name, t.people.tenant_admin.user.email]) expect(text).not.toContain(needle);
    }
  });

  it("is refused to callers other than the web tier", async () => {
    for (const identity of ["operator", "audit", "reports-worker"]) {
      expect((await (await h.as(identity)).json("GET", "/v1/trust")).status, identity).toBe(403);
    }
  });
});

describe("POST /v1/components/:id/inventory", () => {
  it("a platform admin declares versions; the newest is on the trust page and older ones stay readable; audited", async () => {
    const first = await call<{ inventory: { versions: { version: number }[] } }>("POST", `/v1/components/${reportsId}/inventory`, admin, { elements: [element], note: "First declaration." });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    const second = await call("POST", `/v1/components/${reportsId}/inventory`, admin, { elements: [element, { ...element, element: "Report schedules", category: "Schedule" }] });
    expect(second.status).toBe(201);
    const reports = (await trust()).components.find((c) => c.key === "reports");
    expect(reports?.versions.map((v) => v.version)).toEqual([2, 1]);
    expect(reports?.versions[0]?.elements.map((e) => e.element)).toEqual(["Report contents", "Report schedules"]);
    expect(reports?.versions[1]).toMatchObject({ note: "First declaration.", elements: [element] });
    const events = await auditEvents(h, "component.inventory_declare");
    expect(events.map((e) => e.data.version)).toEqual([1, 2]);
    expect(events[0]).toMatchObject({ actor: { type: "user", id: admin.user.id }, target: { type: "component", id: reportsId } });
  });

  it("is refused to every tenant role (403), unknown and malformed components are 404, malformed input 422 with field messages; nothing changes", async () => {
    const before = await h.prisma.dataInventoryVersion.count();
    for (const person of [...Object.values(districtA.people), ...Object.values(company.people)]) {
      expect((await call("POST", `/v1/components/${reportsId}/inventory`, person, { elements: [element] })).status, person.user.role).toBe(403);
    }
    expect((await call("POST", `/v1/components/${reportsId}/inventory`, null, { elements: [element] })).status).toBe(401);
    expect((await call("POST", "/v1/components/cmp_doesnotexist/inventory", admin, { elements: [element] })).status).toBe(404);
    expect((await call("POST", "/v1/components/not-an-id/inventory", admin, { elements: [element] })).status).toBe(404); // a malformed id names nothing
    const bad = [
      { elements: [{ ...element, category: "Secrets" }] },
      { elements: [{ ...element, purpose: "" }] },
      { elements: [{ ...element, purpose: "nul\u0000byte" }] },
      { elements: [{ ...element, extra: 1 }] },
      { elements: "none" },
      { elements: [element], note: "x".repeat(301) },
    ];
    for (const body of bad) {
      const res = await call<{ code: string; fieldErrors?: Record<string, string[]> }>("POST", `/v1/components/${reportsId}/inventory`, admin, body);
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
    }
    const nul = await call<{ fieldErrors: Record<string, string[]> }>("POST", `/v1/components/${reportsId}/inventory`, admin, { elements: [{ ...element, purpose: "nul\u0000byte" }] });
    expect(nul.status).toBe(422);
    expect(Object.keys(nul.body.fieldErrors)).toEqual(["elements.0.purpose"]);
    expect(await h.prisma.dataInventoryVersion.count()).toBe(before);
  });
});

describe("POST /v1/trust/documents", () => {
  it("a non-material edit takes effect at once as the next version; audited without announcing", async () => {
    const res = await call<{ document: { version: number; effectiveAt: string }; announcedTo: number }>("POST", "/v1/trust/documents", admin, policyText("Plainer words, same promises."));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ document: { version: 2 }, announcedTo: 0 });
    expect((await trust()).privacyPolicy.current?.version).toBe(2);
    expect((await auditEvents(h, "trust.document_publish")).at(-1)).toMatchObject({ actor: { id: admin.user.id }, data: { kind: "privacy_policy", version: 2, material: false } });
  });

  it("a material change less than the notice period ahead is refused with a field message, changing nothing", async () => {
    const before = await h.prisma.trustDocumentVersion.count();
    for (const effectiveAt of [undefined, new Date(clock.now().getTime() + 29 * day).toISOString()]) {
      const res = await call<{ fieldErrors: Record<string, string[]> }>("POST", "/v1/trust/documents", admin, { ...policyText("New purposes."), material: true, effectiveAt });
      expect(res.status).toBe(422);
      expect(Object.keys(res.body.fieldErrors)).toEqual(["effectiveAt"]);
    }
    const commitments = await call<{ fieldErrors: Record<string, string[]> }>("POST", "/v1/trust/documents", admin, {
      content: { kind: "commitments", commitments: [{ title: "x", text: "y" }] }, summary: "s", material: true, effectiveAt: new Date(clock.now().getTime() + 40 * day).toISOString(),
    });
    expect(commitments.status).toBe(422);
    expect(Object.keys(commitments.body.fieldErrors)).toEqual(["material"]);
    expect(await h.prisma.trustDocumentVersion.count()).toBe(before);
  });

  it("refuses tenant roles (403), malformed and NUL-bearing documents (422), changing nothing", async () => {
    const before = await h.prisma.trustDocumentVersion.count();
    for (const person of [...Object.values(districtA.people), ...Object.values(company.people)]) {
      expect((await call("POST", "/v1/trust/documents", person, policyText("mine"))).status, person.user.role).toBe(403);
    }
    const bad: unknown[] = [
      { content: { kind: "terms", text: "x" }, summary: "s" },
      { content: { kind: "privacy_policy", text: "" }, summary: "s" },
      { content: { kind: "privacy_policy", text: "a\u0000b" }, summary: "s" },
      { content: { kind: "security_contact", coordinator: "C", email: "not-mail", notification: ["n"], languages: ["en"] }, summary: "s" },
      { content: { kind: "security_contact", coordinator: "C", email: "s@x.example", notification: ["n"], languages: ["English"] }, summary: "s" },
      { content: { kind: "subprocessors", subprocessors: [{ name: "Cloud" }] }, summary: "s" },
      { ...policyText("x"), effectiveAt: "tomorrow" },
      { ...policyText("x"), effectiveAt: new Date(clock.now().getTime() - day).toISOString() },
      { ...policyText("x"), summary: "" },
    ];
    for (const body of bad) expect((await call("POST", "/v1/trust/documents", admin, body)).status, JSON.stringify(body).slice(0, 90)).toBe(422);
    expect(await h.prisma.trustDocumentVersion.count()).toBe(before);
  });
});

describe("notices of material change and acknowledgements", () => {
  let noticeId: string;

  it("a material subprocessor change is pending until its date, announced to each district in its own log", async () => {
    const effectiveAt = new Date(clock.now().getTime() + 31 * day).toISOString();
    const res = await call<{ document: { id: string }; announcedTo: number }>("POST", "/v1/trust/documents", admin, {
      content: { kind: "subprocessors", subprocessors: [{ name: "Example Cloud", purpose: "Hosting", location: "United States", data: "All data, encrypted" }] },
      summary: "Adds Example Cloud as host.",
      material: true,
      effectiveAt,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.announcedTo).toBe(2);
    noticeId = res.body.document.id;
    const page = await trust();
    expect(page.subprocessors.current?.version).toBe(1);
    expect(page.subprocessors.versions[0]).toMatchObject({ version: 2, material: true, effectiveAt });
    const announced = await auditEvents(h, "policy.notice_announce");
    expect(announced.map((e) => (e as unknown as { tenantId: string }).tenantId).sort()).toEqual([districtA.tenant.id, districtB.tenant.id].sort());
  });

  it("a district sees its own acknowledgement only; a platform admin sees every district's, unacknowledged first", async () => {
    const own = await call<ListNoticesResponse>("GET", "/v1/trust/notices", districtA.people.district_reviewer);
    expect(own.status).toBe(200);
    expect(own.body.notices).toHaveLength(1);
    expect(own.body.notices[0]).toMatchObject({ pending: true, acknowledgements: [{ tenantId: districtA.tenant.id, acknowledgedAt: null }] });
    expect(JSON.stringify(own.body)).not.toContain(districtB.tenant.id);
    const all = await call<ListNoticesResponse>("GET", "/v1/trust/notices", admin);
    expect(all.body.notices[0]?.acknowledgements.map((a) => a.tenantName)).toEqual(["Adams School District", "Boulder Valley Schools"]);
    expect((await call<ListNoticesResponse>("GET", "/v1/trust/notices", company.people.tenant_admin)).body.notices[0]?.acknowledgements).toEqual([]);
    expect((await call("GET", "/v1/trust/notices", company.people.tenant_member)).status).toBe(403);
  });

  it("a district admin acknowledges for her district once, audited; reviewers, members, companies and platform admins cannot", async () => {
    const path = `/v1/trust/notices/${noticeId}/acknowledge`;
    expect((await call("POST", path, districtA.people.district_reviewer)).status).toBe(403);
    expect((await call("POST", path, districtA.people.tenant_member)).status).toBe(403);
    expect((await call("POST", path, company.people.tenant_admin)).status).toBe(409);
    expect((await call("POST", path, admin)).status).toBe(409);
    const ack = await call<{ acknowledgement: { tenantId: string; acknowledgedBy: string } }>("POST", path, districtA.people.tenant_admin);
    expect(ack.status, JSON.stringify(ack.body)).toBe(200);
    expect(ack.body.acknowledgement).toMatchObject({ tenantId: districtA.tenant.id, acknowledgedBy: districtA.people.tenant_admin.user.name });
    expect((await call("POST", path, districtA.people.tenant_admin)).status).toBe(409);
    expect((await auditEvents(h, "policy.notice_acknowledge"))).toEqual([
      expect.objectContaining({ tenantId: districtA.tenant.id, actor: expect.objectContaining({ id: districtA.people.tenant_admin.user.id }), target: { type: "trust_document", id: noticeId } }),
    ]);
    // District B's own view is untouched by A's acknowledgement; the platform admin sees B still to acknowledge, first.
    expect((await call<ListNoticesResponse>("GET", "/v1/trust/notices", districtB.people.tenant_admin)).body.notices[0]?.acknowledgements[0]?.acknowledgedAt).toBeNull();
    const all = await call<ListNoticesResponse>("GET", "/v1/trust/notices", admin);
    expect(all.body.notices[0]?.acknowledgements.map((a) => [a.tenantName, a.acknowledgedAt !== null])).toEqual([["Boulder Valley Schools", false], ["Adams School District", true]]);
  });

  it("unknown, non-material and malformed notice ids (NUL included) are all not found", async () => {
    const nonMaterial = (await trust()).privacyPolicy.current?.id ?? "";
    for (const [id, status] of [["tdv_unknown", 404], [nonMaterial, 404], ["lic_abc", 404], ["tdv_a%00b", 404]] as const) {
      expect((await call("POST", `/v1/trust/notices/${id}/acknowledge`, districtB.people.tenant_admin)).status, id).toBe(status);
    }
    expect(await h.prisma.policyAcknowledgement.count({ where: { tenantId: districtB.tenant.id } })).toBe(0);
  });

  it("once its date has come, the new version is in effect on the trust page", async () => {
    clock.advance(32 * day);
    const page = await trust();
    expect(page.subprocessors.current?.version).toBe(2);
    expect((await call<ListNoticesResponse>("GET", "/v1/trust/notices", admin)).body.notices[0]?.pending).toBe(false);
  });
});
