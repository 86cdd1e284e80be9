// Issue 9 §4: a district's agreement, the compliance overview and incidents with breach-notice clocks,
// through the real access service over mTLS. Who may do what (wrong role), what a district's people see
// of another district (nothing: not found), malformed and NUL-bearing input (a clear 422 changing nothing),
// the clock from the agreement or the state, and an audit event for every change.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AgreementResponse, ListComplianceDistrictsResponse } from "../../contracts/compliance-api";
import type { DistrictOverviewResponse, IncidentDto, IncidentResponse, ListIncidentsResponse, NoticeSections } from "../../contracts/incident-api";
import { auditEvents } from "../support/catalogue-fixtures";
import { createLicenseCatalogue, insertLicenseRow, type LicenseCatalogue } from "../support/license-fixtures";
import { startAccessService, type AccessHarness } from "../support/start-access-service";
import { authorization, createPlatformAdmin, createTenantWithPeople, type SignedInPerson, type TenantWithPeople } from "../support/tenant-fixtures";
import { createTestClock } from "../support/test-clock";

const clock = createTestClock();
let h: AccessHarness;
let admin: SignedInPerson;
let co: TenantWithPeople; // a Colorado district with a 72-hour agreement
let ny: TenantWithPeople; // a New York district with no agreement period
let company: TenantWithPeople;
let cat: LicenseCatalogue;

type Problem = { code: string; detail: string; fieldErrors?: Record<string, string[]>; reason?: string };

beforeAll(async () => {
  h = await startAccessService("incidents", {}, { now: clock.now });
  admin = await createPlatformAdmin(h);
  co = await createTenantWithPeople(h, { slug: "boulder", kind: "district", name: "Boulder Valley" });
  ny = await createTenantWithPeople(h, { slug: "albany", kind: "district", name: "Albany City" });
  company = await createTenantWithPeople(h, { slug: "acme", name: "Acme" });
  await h.prisma.tenant.update({ where: { id: co.tenant.id }, data: { districtState: "CO" } });
  await h.prisma.tenant.update({ where: { id: ny.tenant.id }, data: { districtState: "NY" } });
  cat = await createLicenseCatalogue(h, "inc");
  await insertLicenseRow(h, { tenantId: co.tenant.id, componentId: cat.reports.id, tierId: cat.pro.id });
  await insertLicenseRow(h, { tenantId: co.tenant.id, componentId: cat.reports.id, tierId: cat.pro.id, status: "revoked" });
  await insertLicenseRow(h, { tenantId: ny.tenant.id, componentId: cat.etl.id, tierId: cat.pro.id });
});
afterAll(async () => {
  await h?.close();
});

const call = async <T = unknown>(method: "GET" | "POST" | "PUT" | "PATCH", url: string, person: SignedInPerson, body?: unknown) =>
  (await h.as("web")).json<T>(method, url, body, authorization(person));

const iso = (offsetHours: number) => new Date(clock.now().getTime() + offsetHours * 3_600_000).toISOString();

async function snapshot() {
  const [agreements, incidents, districts, tenants, events] = await Promise.all([
    h.prisma.districtAgreement.findMany({ orderBy: { tenantId: "asc" } }),
    h.prisma.incident.findMany({ orderBy: { id: "asc" } }),
    h.prisma.incidentDistrict.findMany({ orderBy: [{ incidentId: "asc" }, { tenantId: "asc" }] }),
    h.prisma.tenant.findMany({ orderBy: { id: "asc" } }),
    h.prisma.outboxEvent.count({ where: { NOT: { payload: { path: ["outcome"], equals: "failure" } } } }),
  ]);
  return JSON.stringify({ agreements, incidents, districts, tenants, events });
}

const agreementOf = (t: TenantWithPeople) => `/v1/tenants/${t.tenant.id}/agreement`;

describe("the agreement", () => {
  it("a platform admin sets a district's agreement: kind, days, adopted Exhibit E offer, own period; audited", async () => {
    const res = await call<AgreementResponse>("PUT", agreementOf(co), admin, {
      kind: "sdpc_ndpa",
      reference: "CO NDPA v1.0 (2025)",
      signedOn: "2025-06-01",
      effectiveOn: "2025-07-01",
      endsOn: "2028-06-30",
      generalOfferFrom: "Denver Public Schools, NDPA 2024-17",
      noticeHours: 72,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.agreement).toMatchObject({ kind: "sdpc_ndpa", reference: "CO NDPA v1.0 (2025)", signedOn: "2025-06-01", endsOn: "2028-06-30", noticeHours: 72 });
    expect(res.body.agreement.noticeRules.map((r) => [r.source, r.hours, r.citation])).toEqual([["agreement", 72, null], ["state", 720, "C.R.S. 6-1-716(2)"]]);
    // The reference and signing day stay the tenant's own fields.
    expect(await h.prisma.tenant.findUniqueOrThrow({ where: { id: co.tenant.id } })).toMatchObject({ dataAgreement: "CO NDPA v1.0 (2025)" });
    const [event] = await auditEvents(h, "tenant.agreement.update");
    expect(event).toMatchObject({ target: { type: "tenant", id: co.tenant.id }, actor: { id: admin.user.id }, data: { after: expect.objectContaining({ noticeHours: 72, kind: "sdpc_ndpa" }) } });
    // Its people read it; a state without an agreement period falls back to the state's.
    expect((await call<AgreementResponse>("GET", agreementOf(co), co.people.district_reviewer)).body.agreement.generalOfferFrom).toBe("Denver Public Schools, NDPA 2024-17");
    const nyAgreement = await call<AgreementResponse>("GET", agreementOf(ny), ny.people.tenant_admin);
    expect(nyAgreement.body.agreement).toMatchObject({ kind: null, noticeHours: null });
    expect(nyAgreement.body.agreement.noticeRules).toEqual([expect.objectContaining({ source: "state", hours: 168, from: "discovery", citation: "8 NYCRR 121.10(a)" })]);
  });

  it("refuses dates and offers that do not fit, bad values and NUL bytes with field messages, changing nothing", async () => {
    const before = await snapshot();
    const base = { kind: "state_terms", reference: "NY rider" };
    const cases: [Record<string, unknown>, string][] = [
      [{ ...base, signedOn: "2026-02-30" }, "signedOn"],
      [{ ...base, signedOn: "yesterday" }, "signedOn"],
      [{ ...base, signedOn: iso(48).slice(0, 10) }, "signedOn"],
      [{ ...base, signedOn: "2025-06-01", effectiveOn: "2025-05-01" }, "effectiveOn"],
      [{ ...base, effectiveOn: "2025-06-01", endsOn: "2025-06-01" }, "endsOn"],
      [{ ...base, generalOfferFrom: "Another district" }, "generalOfferFrom"],
      [{ ...base, noticeHours: 0 }, "noticeHours"],
      [{ ...base, noticeHours: 1.5 }, "noticeHours"],
      [{ ...base, noticeHours: "72" }, "noticeHours"],
      [{ ...base, kind: "handshake" }, "kind"],
      [{ ...base, reference: "NY\u0000rider" }, "reference"],
      [{ ...base, reference: "" }, "reference"],
    ];
    for (const [body, field] of cases) {
      const res = await call<Problem>("PUT", agreementOf(ny), admin, body);
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(res.body.fieldErrors?.[field]?.length, JSON.stringify(body)).toBeGreaterThan(0);
    }
    expect((await call<Problem>("PUT", agreementOf(ny), admin, { ...base, extra: 1 })).status).toBe(422);
    expect(await snapshot()).toBe(before);
  });

  it("no tenant role sets it; another tenant's and a company's answer not found", async () => {
    const before = await snapshot();
    const body = { kind: "state_terms", reference: "x" };
    for (const person of [co.people.tenant_admin, co.people.tenant_member, co.people.district_reviewer]) {
      expect((await call("PUT", agreementOf(co), person, body)).status).toBe(403);
    }
    expect((await call("GET", agreementOf(ny), co.people.district_reviewer)).status).toBe(404);
    expect((await call("GET", agreementOf(ny), co.people.tenant_admin)).status).toBe(404);
    const companyAgreement = await call<Problem>("GET", agreementOf(company), admin);
    expect(companyAgreement.status).toBe(404);
    expect(companyAgreement.body.reason).toBe("not-a-district");
    expect((await call("PUT", agreementOf(company), admin, body)).status).toBe(404);
    expect((await call("GET", "/v1/tenants/not-a-tenant/agreement", admin)).status).toBe(404);
    expect(await snapshot()).toBe(before);
  });
});

const openBody = () => ({
  title: "Misdirected export",
  summary: "A scheduled export was sent to the wrong storage bucket.\nIt was readable for 3 hours.",
  dataConcerned: "Student names and grade levels.",
  discoveredAt: iso(-50),
  determinedAt: iso(-2),
});

async function openIncident(body: Record<string, unknown> = openBody()): Promise<IncidentDto> {
  const res = await call<IncidentResponse>("POST", "/v1/incidents", admin, body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.incident;
}
const mark = (id: string, t: TenantWithPeople) => call<IncidentResponse>("POST", `/v1/incidents/${id}/districts`, admin, { tenantId: t.tenant.id });
const districtPath = (id: string, t: TenantWithPeople, rest: string) => `/v1/incidents/${id}/districts/${t.tenant.id}/${rest}`;

describe("incidents", () => {
  it("a platform admin opens one, marks two districts; each clock comes from its agreement or state; audited", async () => {
    const incident = await openIncident();
    expect(incident).toMatchObject({ status: "open", districts: [] });
    expect((await mark(incident.id, co)).status).toBe(200);
    const marked = await mark(incident.id, ny);
    expect(marked.status).toBe(200);
    const [albany, boulder] = marked.body.incident.districts;
    // Colorado with a 72-hour agreement: 72 hours from the determination (earlier than Colorado's 30 days).
    expect(boulder.tenantName).toBe("Boulder Valley");
    expect(boulder.clock).toMatchObject({ state: "running", deadlineAt: new Date(Date.parse(incident.determinedAt!) + 72 * 3_600_000).toISOString(), governing: { source: "agreement" } });
    // New York: 7 days from the discovery.
    expect(albany.clock).toMatchObject({ state: "running", deadlineAt: new Date(Date.parse(incident.discoveredAt) + 168 * 3_600_000).toISOString(), governing: { source: "state", citation: "8 NYCRR 121.10(a)" } });
    expect(Object.keys(boulder.notice!)).toEqual(["whatHappened", "when", "information", "whatWeAreDoing", "whatYouCanDo", "contact"]);
    expect(boulder.notice!.contact).toContain(admin.user.email);
    expect((await mark(incident.id, co)).status).toBe(409);
    expect((await auditEvents(h, "incident.open")).map((e) => e.target?.id)).toContain(incident.id);
    expect((await auditEvents(h, "incident.district.mark")).filter((e) => e.target?.id === incident.id)).toHaveLength(2);

    // Past the 72 hours, Boulder's notice is overdue; a later change of its agreement does not move the clock.
    clock.advance(80 * 3_600_000);
    const later = await call<IncidentResponse>("GET", `/v1/incidents/${incident.id}`, admin);
    expect(later.body.incident.districts.map((d) => [d.tenantName, d.clock.state])).toEqual([["Albany City", "running"], ["Boulder Valley", "overdue"]]);
    const overview = await call<DistrictOverviewResponse>("GET", `/v1/compliance/districts/${co.tenant.id}`, co.people.district_reviewer);
    expect(overview.body.district).toMatchObject({ openIncidents: 1, overdueNotices: 1 });
  });

  it("edits the notice, records its delivery (then the notice is fixed), and the district sees only the delivered notice", async () => {
    const incident = await openIncident();
    await mark(incident.id, co);
    await mark(incident.id, ny);
    // Before delivery the district's people see the incident and their clock, not the draft.
    const early = await call<IncidentResponse>("GET", `/v1/incidents/${incident.id}`, co.people.district_reviewer);
    expect(early.status).toBe(200);
    expect(early.body.incident.districts.map((d) => [d.tenantId, d.notice])).toEqual([[co.tenant.id, null]]);
    expect((await call("GET", districtPath(incident.id, co, "notice-pdf"), co.people.district_reviewer)).status).toBe(404);

    const notice: NoticeSections = {
      whatHappened: "An export went to the wrong bucket.",
      when: "Discovered on 30 November.",
      information: "Names and grade levels.",
      whatWeAreDoing: "We deleted the copy and rotated the credentials.",
      whatYouCanDo: "Review the record of disclosures.",
      contact: "security@vendor.example",
    };
    const edited = await call<IncidentResponse>("PUT", districtPath(incident.id, co, "notice"), admin, { notice });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    const draftPdf = await call<string>("GET", districtPath(incident.id, co, "notice-pdf"), admin);
    expect(draftPdf.headers["content-disposition"]).toMatch(/^attachment; filename=".*-draft\.pdf"$/);
    const delivered = await call<IncidentResponse>("POST", districtPath(incident.id, co, "delivery"), admin, { deliveredAt: iso(-1), method: "email", to: "privacy@bvsd.example" });
    expect(delivered.status, JSON.stringify(delivered.body)).toBe(200);
    const boulder = delivered.body.incident.districts.find((d) => d.tenantId === co.tenant.id)!;
    expect(boulder).toMatchObject({ clock: { state: "met" }, delivery: { method: "email", to: "privacy@bvsd.example" } });
    expect((await call<Problem>("PUT", districtPath(incident.id, co, "notice"), admin, { notice })).status).toBe(409);
    expect((await call<Problem>("POST", districtPath(incident.id, co, "delivery"), admin, { deliveredAt: iso(-1), method: "email", to: "x" })).status).toBe(409);
    expect((await call<Problem>("PATCH", `/v1/incidents/${incident.id}`, admin, { determinedAt: null })).status).toBe(409);

    const seen = await call<IncidentResponse>("GET", `/v1/incidents/${incident.id}`, co.people.district_reviewer);
    expect(seen.body.incident.districts).toEqual([expect.objectContaining({ tenantId: co.tenant.id, notice, delivery: expect.objectContaining({ to: "privacy@bvsd.example" }) })]);
    const pdf = await call<string>("GET", districtPath(incident.id, co, "notice-pdf"), co.people.tenant_admin);
    expect(pdf.status).toBe(200);
    expect(pdf.headers["content-type"]).toBe("application/pdf"); // the bytes themselves, which the web tier streams through
    expect(pdf.body.startsWith("%PDF-")).toBe(true);
    for (const action of ["incident.notice.update", "incident.notice.deliver"]) {
      expect((await auditEvents(h, action)).some((e) => e.target?.id === incident.id), action).toBe(true);
    }
  });

  it("a reviewer of district A sees nothing of district B's incidents", async () => {
    const onlyNy = await openIncident({ ...openBody(), title: "Albany only" });
    await mark(onlyNy.id, ny);
    const both = await openIncident({ ...openBody(), title: "Both districts" });
    await mark(both.id, co);
    await mark(both.id, ny);
    for (const person of [co.people.district_reviewer, co.people.tenant_admin]) {
      expect((await call("GET", `/v1/incidents/${onlyNy.id}`, person)).status).toBe(404);
      for (const rest of ["notice-pdf"]) expect((await call("GET", districtPath(onlyNy.id, ny, rest), person)).status).toBe(404);
      expect((await call("GET", districtPath(both.id, ny, "notice-pdf"), person)).status).toBe(404);
      const list = await call<ListIncidentsResponse>("GET", "/v1/incidents?limit=100", person);
      expect(list.body.incidents.map((i) => i.title)).not.toContain("Albany only");
      // Of an incident both share, only their own district's part.
      for (const incident of list.body.incidents) expect(incident.districts.map((d) => d.tenantId)).toEqual([co.tenant.id]);
      expect((await call("GET", `/v1/compliance/districts/${ny.tenant.id}`, person)).status).toBe(404);
      const districts = await call<ListComplianceDistrictsResponse>("GET", "/v1/compliance/districts", person);
      expect(districts.body.districts.map((d) => d.id)).toEqual([co.tenant.id]);
    }
    // A company's admin (compliance.read) sees no incidents and no district.
    expect((await call<ListIncidentsResponse>("GET", "/v1/incidents", company.people.tenant_admin)).body.incidents).toEqual([]);
    expect((await call<ListComplianceDistrictsResponse>("GET", "/v1/compliance/districts", company.people.tenant_admin)).body.districts).toEqual([]);
    expect((await call("GET", `/v1/compliance/districts/${company.tenant.id}`, company.people.tenant_admin)).status).toBe(404);
  });

  it("no tenant role opens, edits, marks or delivers; a tenant member sees no incident at all", async () => {
    const incident = await openIncident();
    await mark(incident.id, co);
    const before = await snapshot();
    for (const person of [co.people.tenant_admin, co.people.district_reviewer, co.people.tenant_member]) {
      expect((await call("POST", "/v1/incidents", person, openBody())).status).toBe(403);
      expect((await call("PATCH", `/v1/incidents/${incident.id}`, person, { status: "closed" })).status).toBe(403);
      expect((await call("POST", `/v1/incidents/${incident.id}/districts`, person, { tenantId: ny.tenant.id })).status).toBe(403);
      expect((await call("PUT", districtPath(incident.id, co, "notice"), person, { notice: {} })).status).toBe(403);
      expect((await call("POST", districtPath(incident.id, co, "delivery"), person, { deliveredAt: iso(-1), method: "email", to: "x" })).status).toBe(403);
    }
    expect((await call("GET", "/v1/incidents", co.people.tenant_member)).status).toBe(403);
    expect((await call("GET", `/v1/incidents/${incident.id}`, co.people.tenant_member)).status).toBe(403);
    expect((await call("GET", `/v1/compliance/districts/${co.tenant.id}`, co.people.tenant_member)).status).toBe(403);
    expect(await snapshot()).toBe(before);
  });

  it("refuses malformed dates, times out of order, NUL bytes, unknown fields and wrong districts, changing nothing", async () => {
    const incident = await openIncident();
    await mark(incident.id, co);
    const before = await snapshot();
    const cases: [Record<string, unknown>, string][] = [
      [{ ...openBody(), discoveredAt: "2026-13-01T00:00:00Z" }, "discoveredAt"],
      [{ ...openBody(), discoveredAt: "last tuesday" }, "discoveredAt"],
      [{ ...openBody(), discoveredAt: iso(5), determinedAt: null }, "discoveredAt"],
      [{ ...openBody(), determinedAt: iso(5) }, "determinedAt"],
      [{ ...openBody(), discoveredAt: iso(-2), determinedAt: iso(-5) }, "determinedAt"],
      [{ ...openBody(), title: "Bad\u0000title" }, "title"],
      [{ ...openBody(), summary: "What\u0000happened" }, "summary"],
      [{ ...openBody(), title: "" }, "title"],
      [{ ...openBody(), dataConcerned: "x".repeat(2001) }, "dataConcerned"],
    ];
    for (const [body, field] of cases) {
      const res = await call<Problem>("POST", "/v1/incidents", admin, body);
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(res.body.fieldErrors?.[field]?.length, JSON.stringify(body)).toBeGreaterThan(0);
    }
    expect((await call("POST", "/v1/incidents", admin, { ...openBody(), severity: "high" })).status).toBe(422);
    expect((await call("PATCH", `/v1/incidents/${incident.id}`, admin, { determinedAt: iso(-60) })).status).toBe(422);
    expect((await call("PATCH", `/v1/incidents/${incident.id}`, admin, { status: "archived" })).status).toBe(422);
    const company = await call<Problem>("POST", `/v1/incidents/${incident.id}/districts`, admin, { tenantId: (await h.prisma.tenant.findFirstOrThrow({ where: { kind: "company" } })).id });
    expect(company.status).toBe(422);
    expect(company.body.fieldErrors?.tenantId).toEqual(["Choose a school district: this tenant is not one."]);
    expect((await call("POST", `/v1/incidents/${incident.id}/districts`, admin, { tenantId: "ten_nope" })).status).toBe(422);
    expect((await call("PUT", districtPath(incident.id, co, "notice"), admin, { notice: { whatHappened: "only one" } })).status).toBe(422);
    const nulNotice = { whatHappened: "a", when: "b", information: "c\u0000", whatWeAreDoing: "d", whatYouCanDo: "e", contact: "f" };
    expect((await call("PUT", districtPath(incident.id, co, "notice"), admin, { notice: nulNotice })).status).toBe(422);
    expect((await call("PUT", districtPath(incident.id, ny, "notice"), admin, { notice: { ...nulNotice, information: "c" } })).status).toBe(404);
    for (const body of [{ deliveredAt: iso(3), method: "email", to: "x" }, { deliveredAt: iso(-1000), method: "email", to: "x" }, { deliveredAt: "soon", method: "email", to: "x" }, { deliveredAt: iso(-1), method: "pigeon", to: "x" }, { deliveredAt: iso(-1), method: "email", to: "" }]) {
      expect((await call("POST", districtPath(incident.id, co, "delivery"), admin, body)).status, JSON.stringify(body)).toBe(422);
    }
    expect((await call("GET", "/v1/incidents/inc_nope", admin)).status).toBe(404);
    expect((await call("GET", "/v1/incidents/not-an-incident", admin)).status).toBe(404);
    expect((await call("GET", "/v1/incidents?cursor=garbage", admin)).status).toBe(422);
    expect(await snapshot()).toBe(before);
  });

  it("closes and reopens an incident, audited; a closed incident takes no new district", async () => {
    const incident = await openIncident();
    const closed = await call<IncidentResponse>("PATCH", `/v1/incidents/${incident.id}`, admin, { status: "closed" });
    expect(closed.body.incident).toMatchObject({ status: "closed", closedAt: expect.any(String) });
    expect((await mark(incident.id, co)).status).toBe(409);
    expect((await call<ListIncidentsResponse>("GET", "/v1/incidents?status=open&limit=100", admin)).body.incidents.map((i) => i.id)).not.toContain(incident.id);
    expect((await call<IncidentResponse>("PATCH", `/v1/incidents/${incident.id}`, admin, { status: "open" })).body.incident).toMatchObject({ status: "open", closedAt: null });
    expect((await auditEvents(h, "incident.close")).some((e) => e.target?.id === incident.id)).toBe(true);
    expect((await auditEvents(h, "incident.reopen")).some((e) => e.target?.id === incident.id)).toBe(true);
  });
});

describe("the overview", () => {
  it("shows a district its agreement, licensed components with their licenses and its open incidents", async () => {
    const res = await call<DistrictOverviewResponse>("GET", `/v1/compliance/districts/${co.tenant.id}`, co.people.tenant_admin);
    expect(res.status).toBe(200);
    expect(res.body.agreement.kind).toBe("sdpc_ndpa");
    expect(res.body.components).toEqual([expect.objectContaining({ key: cat.reports.key, licenses: { active: 1, suspended: 0, expired: 0, revoked: 1 } })]);
    expect(res.body.openIncidents.length).toBeGreaterThan(0);
    for (const incident of res.body.openIncidents) expect(incident.districts.map((d) => d.tenantId)).toEqual([co.tenant.id]);
  });

  it("says what of the district's data each licensed component holds: its newest inventory version", async () => {
    const before = await call<DistrictOverviewResponse>("GET", `/v1/compliance/districts/${co.tenant.id}`, co.people.district_reviewer);
    expect(before.body.components.map((c) => c.inventory)).toEqual([null]);
    const element = { element: "Reading scores", category: "Assessment", purpose: "To report progress to the district.", retention: "Until the district asks for deletion.", recipients: "No one." };
    expect((await call("POST", `/v1/components/${cat.reports.id}/inventory`, admin, { elements: [element] })).status).toBe(201);
    expect((await call("POST", `/v1/components/${cat.reports.id}/inventory`, admin, { elements: [element, { ...element, element: "Attendance" }] })).status).toBe(201);
    const after = await call<DistrictOverviewResponse>("GET", `/v1/compliance/districts/${co.tenant.id}`, co.people.district_reviewer);
    expect(after.body.components[0].inventory).toMatchObject({ version: 2, elements: [{ element: "Reading scores" }, { element: "Attendance" }] });
  });

  it("lists every district for a platform admin, searchable, with agreement state and open incidents", async () => {
    const all = await call<ListComplianceDistrictsResponse>("GET", "/v1/compliance/districts", admin);
    expect(all.body.districts.map((d) => d.name)).toEqual(["Albany City", "Boulder Valley"]);
    expect(all.body.districts[1]).toMatchObject({ agreementKind: "sdpc_ndpa", state: "CO" });
    expect(all.body.districts[0].openIncidents).toBeGreaterThan(0);
    expect((await call<ListComplianceDistrictsResponse>("GET", "/v1/compliance/districts?search=boul", admin)).body.districts.map((d) => d.name)).toEqual(["Boulder Valley"]);
    const page = await call<ListComplianceDistrictsResponse>("GET", "/v1/compliance/districts?limit=1", admin);
    expect(page.body.nextCursor).not.toBeNull();
    const next = await call<ListComplianceDistrictsResponse>("GET", `/v1/compliance/districts?limit=1&cursor=${page.body.nextCursor}`, admin);
    expect(next.body.districts.map((d) => d.name)).toEqual(["Boulder Valley"]);
  });
});
