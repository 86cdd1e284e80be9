// The record of disclosures (34 CFR 99.32) across the access and audit services: a district's tokens and
// OAuth clients declare their legitimate interest; components report disclosures over mTLS (stored whole
// or refused whole, idempotent by their own id, only under credentials they serve); introspections of a
// district's tokens are recorded as accesses off the hot path; a district's people find both in their
// record (by student id, component, party, time) and export it, and never see another district's.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ExportDisclosuresResponse, ListDisclosuresResponse, ReportDisclosuresResponse } from "../../contracts/disclosure-api";
import { createMtlsClient } from "../../services/common/http/mtls-client";
import { startOutboxRelay, type OutboxRelay } from "../../services/access/outbox/relay";
import { createLicenseCatalogue, insertLicenseRow, type LicenseCatalogue } from "../support/license-fixtures";
import { startBothServices, type BothServices } from "../support/start-both-services";
import { giveSecondFactor } from "../support/mfa-fixtures";
import { authorization, createPlatformAdmin, createTenantWithPeople, type SignedInPerson, type TenantWithPeople } from "../support/tenant-fixtures";
import { introspectorFor } from "../support/token-fixtures";

let s: BothServices;
let relay: OutboxRelay;
let cat: LicenseCatalogue;
let admin: SignedInPerson;
let districtA: TenantWithPeople;
let districtB: TenantWithPeople;
let company: TenantWithPeople;
let licenseA: string;
let licenseB: string;
let licenseC: string;

const silent = { info() {}, warn() {}, error() {} };

beforeAll(async () => {
  s = await startBothServices("disclosures");
  s.access.ctx.auditClient = createMtlsClient(s.audit.url, await s.access.pki.client("access"));
  relay = startOutboxRelay({ prisma: s.access.prisma, auditClient: s.access.ctx.auditClient, logger: silent, intervalMs: 60_000 });
  cat = await createLicenseCatalogue(s.access, "dis"); // served by reports-worker
  admin = await createPlatformAdmin(s.access);
  districtA = await createTenantWithPeople(s.access, { slug: "dis-a", kind: "district" });
  districtB = await createTenantWithPeople(s.access, { slug: "dis-b", kind: "district" });
  company = await createTenantWithPeople(s.access, { slug: "dis-c" });
  // Exporting the record asks for a fresh second factor: the districts' reviewers have one.
  await giveSecondFactor(s.access, districtA.people.district_reviewer, districtB.people.district_reviewer);
  licenseA = (await insertLicenseRow(s.access, { tenantId: districtA.tenant.id, componentId: cat.reports.id, tierId: cat.pro.id })).id;
  licenseB = (await insertLicenseRow(s.access, { tenantId: districtB.tenant.id, componentId: cat.reports.id, tierId: cat.pro.id })).id;
  licenseC = (await insertLicenseRow(s.access, { tenantId: company.tenant.id, componentId: cat.reports.id, tierId: cat.pro.id })).id;
});
afterAll(async () => {
  await relay?.stop();
  await s?.close();
});

const web = async <T>(method: "GET" | "POST", url: string, person: SignedInPerson, body?: unknown) => (await s.access.as("web")).json<T>(method, url, body, authorization(person));
const report = async <T = ReportDisclosuresResponse>(identity: string, body: unknown) => (await s.access.as(identity)).json<T>("POST", "/v1/disclosures", body);
const deliver = async () => {
  await s.access.ctx.accessRecord?.flush();
  while ((await relay.flush()) > 0);
};
const record = (person: SignedInPerson, query: Record<string, string> = {}) => web<ListDisclosuresResponse & { tenant: { id: string } }>("GET", `/v1/disclosures?${new URLSearchParams(query)}`, person);
const disclosure = (id: string, over: Record<string, unknown> = {}) => ({
  id,
  party: "Northwind Tutoring",
  legitimateInterest: "Tutoring the students named, under the district's agreement",
  category: "assessment results",
  studentIds: ["stu-1001", "stu-1002"],
  disclosedAt: "2026-11-30T10:00:00Z",
  licenseId: licenseA,
  ...over,
});
const purpose = "Nightly attendance report for the district's principals";

describe("the declared purpose", () => {
  it("a district's token and OAuth client need one (422, nothing made); other tenants may omit it; it is shown and carried", async () => {
    const scopes = [`${cat.reports.key}:read`];
    const before = await s.access.prisma.token.count();
    const missing = await web<{ fieldErrors: Record<string, string[]> }>("POST", `/v1/licenses/${licenseA}/tokens`, districtA.people.tenant_admin, { name: "No purpose", scopes });
    expect(missing.status).toBe(422);
    expect(missing.body.fieldErrors.purpose?.[0]).toMatch(/legitimate interest/);
    for (const bad of ["too short", "line one\nline two", "x".repeat(501), "tab\there is bad"]) {
      const res = await web<{ fieldErrors: Record<string, string[]> }>("POST", `/v1/licenses/${licenseA}/tokens`, districtA.people.tenant_admin, { name: "Bad", scopes, purpose: bad });
      expect(res.status, bad).toBe(422);
      expect(res.body.fieldErrors.purpose?.length, bad).toBe(1);
    }
    expect(await s.access.prisma.token.count()).toBe(before);
    const made = await web<{ token: { id: string; purpose: string | null } }>("POST", `/v1/licenses/${licenseA}/tokens`, districtA.people.tenant_admin, { name: "Attendance", scopes, purpose });
    expect(made.status).toBe(201);
    expect(made.body.token.purpose).toBe(purpose);
    expect((await web<{ token: { purpose: string } }>("GET", `/v1/tokens/${made.body.token.id}`, districtA.people.tenant_admin)).body.token.purpose).toBe(purpose);
    const companyToken = await web<{ token: { purpose: string | null } }>("POST", `/v1/licenses/${licenseC}/tokens`, company.people.tenant_admin, { name: "Plain", scopes });
    expect(companyToken.status).toBe(201);
    expect(companyToken.body.token.purpose).toBeNull();

    const client = { name: "Reports worker", certIdentity: "reports-worker", scopes };
    const noClient = await web<{ fieldErrors: Record<string, string[]> }>("POST", `/v1/licenses/${licenseA}/oauth-clients`, districtA.people.tenant_admin, client);
    expect(noClient.status).toBe(422);
    expect(noClient.body.fieldErrors.purpose?.length).toBe(1);
    const registered = await web<{ client: { purpose: string } }>("POST", `/v1/licenses/${licenseA}/oauth-clients`, districtA.people.tenant_admin, { ...client, purpose });
    expect(registered.status).toBe(201);
    expect(registered.body.client.purpose).toBe(purpose);
    const listed = await web<{ limits: { purposeRequired: boolean } }>("GET", `/v1/licenses/${licenseA}/oauth-clients`, districtA.people.tenant_admin);
    expect(listed.body.limits.purposeRequired).toBe(true);
    expect((await web<{ limits: { purposeRequired: boolean } }>("GET", `/v1/licenses/${licenseC}/tokens`, company.people.tenant_admin)).body.limits.purposeRequired).toBe(false);
  });
});

describe("disclosures reported by components", () => {
  it("stores a batch into the audit chain, once by the component's own id, and a district reviewer finds it by student id", async () => {
    const first = await report("reports-worker", { disclosures: [disclosure("r-1"), disclosure("r-2", { studentIds: ["stu-2001"], party: "County Health" })] });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body).toEqual({ stored: 2, duplicates: 0 });
    const again = await report("reports-worker", { disclosures: [disclosure("r-1"), disclosure("r-3", { studentIds: ["stu-1001"] })] });
    expect(again.body).toEqual({ stored: 1, duplicates: 1 });
    await deliver();

    const found = await record(districtA.people.district_reviewer, { studentId: "stu-1001" });
    expect(found.status).toBe(200);
    expect(found.body.records.map((r) => r.reportId).sort()).toEqual(["r-1", "r-3"]);
    expect(found.body.records[0]).toMatchObject({ kind: "report", component: "reports-worker", party: "Northwind Tutoring", category: "assessment results", tenantId: districtA.tenant.id, credential: { type: "license", id: licenseA } });
    expect((await record(districtA.people.tenant_admin, { party: "County Health" })).body.records.map((r) => r.reportId)).toEqual(["r-2"]);
    expect((await record(districtA.people.district_reviewer, { from: "2026-12-01T00:00:00Z", kind: "report" })).body.records).toEqual([]);
    expect((await record(admin, { tenantId: districtA.tenant.id, component: "reports-worker", kind: "report" })).body.records).toHaveLength(3);
    // The chain holds each disclosure as an event.
    const events = await (await s.access.pki.client("access").then((m) => createMtlsClient(s.audit.url, m))).json<{ events: { data: { reportId: string } }[] }>("GET", "/v1/events?action=disclosure.report");
    expect(events.body.events.map((e) => e.data.reportId).sort()).toEqual(["r-1", "r-2", "r-3"]);
  });

  it("refuses a batch whole: a credential the component does not serve or that does not exist, malformed entries, NUL, too many", async () => {
    const count = () => s.access.prisma.disclosureReport.count();
    const before = await count();
    await s.access.pki.issue("etl-worker");
    const notServed = await report<{ detail: string; fieldErrors: Record<string, string[]> }>("etl-worker", { disclosures: [disclosure("n-1")] });
    expect(notServed.status).toBe(422);
    const unknown = await report<{ detail: string; fieldErrors: Record<string, string[]> }>("reports-worker", { disclosures: [disclosure("n-2"), disclosure("n-3", { licenseId: "lic_doesnotexist" })] });
    expect(unknown.status).toBe(422);
    expect(Object.keys(unknown.body.fieldErrors)).toEqual(["disclosures.1.licenseId"]);
    // Another component's credential and a missing one read the same: nothing to probe.
    expect(notServed.body.fieldErrors["disclosures.0.licenseId"]).toEqual(unknown.body.fieldErrors["disclosures.1.licenseId"]);
    for (const bad of [
      {},
      { disclosures: [] },
      { disclosures: [disclosure("m-1", { studentIds: [] })] },
      { disclosures: [disclosure("m-2", { tokenId: "tok_abc" })] }, // both credentials
      { disclosures: [disclosure("m-3", { licenseId: undefined })] }, // neither
      { disclosures: [disclosure("m-4", { studentIds: ["Jane Doe"] })] },
      { disclosures: [disclosure("m-5", { party: "a\nb" })] },
      { disclosures: [disclosure("m-6", { disclosedAt: "yesterday" })] },
      { disclosures: [disclosure("m-7", { extra: true })] },
      { disclosures: [disclosure("m-8", { party: "nul\u0000here" })] },
      { disclosures: Array.from({ length: 501 }, (_, i) => disclosure(`big-${i}`)) },
    ]) {
      const res = await report("reports-worker", bad);
      expect(res.status, JSON.stringify(bad).slice(0, 120)).toBe(422);
    }
    const huge = await report("reports-worker", { disclosures: [disclosure("h-1", { party: "x".repeat(1_100_000) })] });
    expect(huge.status).toBe(413);
    expect(await count()).toBe(before);
  });

  it("is for components only: Tessera's own identities are refused before the body is read", async () => {
    for (const identity of ["web", "operator", "audit"]) {
      await s.access.pki.issueOne(identity, "client").catch(() => undefined);
      const res = await report(identity, { disclosures: [disclosure(`w-${identity}`)] });
      expect(res.status, identity).toBe(403);
    }
    expect(await s.access.prisma.disclosureReport.count({ where: { reportId: { startsWith: "w-" } } })).toBe(0);
  });
});

describe("accesses through credentials Tessera issued", () => {
  it("records introspections of a district's token per minute with its purpose; a company's are not recorded", async () => {
    const scopes = [`${cat.reports.key}:read`];
    const district = await web<{ token: { id: string }; secret: string }>("POST", `/v1/licenses/${licenseA}/tokens`, districtA.people.tenant_admin, { name: "Access", scopes, purpose });
    const plain = await web<{ token: { id: string }; secret: string }>("POST", `/v1/licenses/${licenseC}/tokens`, company.people.tenant_admin, { name: "Access", scopes });
    const introspect = await introspectorFor(s.access);
    for (let i = 0; i < 3; i++) expect((await introspect(district.body.secret)).active).toBe(true);
    expect((await introspect(plain.body.secret)).active).toBe(true);
    await deliver();
    const accesses = (await record(districtA.people.district_reviewer, { kind: "access" })).body.records.filter((r) => r.credential?.id === district.body.token.id);
    expect(accesses).toHaveLength(1);
    expect(accesses[0]).toMatchObject({ component: "reports-worker", legitimateInterest: purpose, personId: districtA.people.tenant_admin.user.id, scopes, count: 3 });
    const companyRecord = await record(company.people.tenant_admin, { kind: "access" });
    expect(companyRecord.body.records).toEqual([]);
    const activity = await web<{ days: { component: string; count: number }[] }>("GET", "/v1/disclosures/activity", districtA.people.district_reviewer);
    expect(activity.body.days.some((d) => d.component === "reports-worker" && d.count >= 3)).toBe(true);
  });
});

describe("who may read a record", () => {
  it("a reviewer of district A sees nothing of district B, whatever they ask; a platform admin names the tenant", async () => {
    await report("reports-worker", { disclosures: [disclosure("b-1", { licenseId: licenseB, studentIds: ["stu-1001"] })] });
    await deliver();
    const own = await record(districtA.people.district_reviewer, { studentId: "stu-1001" });
    expect(own.body.records.every((r) => r.tenantId === districtA.tenant.id)).toBe(true);
    for (const path of [`/v1/disclosures?tenantId=${districtB.tenant.id}`, `/v1/disclosures/activity?tenantId=${districtB.tenant.id}`, `/v1/disclosures/export?format=csv&tenantId=${districtB.tenant.id}`]) {
      expect((await web("GET", path, districtA.people.district_reviewer)).status, path).toBe(404);
      expect((await web("GET", path.replace(districtB.tenant.id, "ten_doesnotexist"), districtA.people.district_reviewer)).status, path).toBe(404);
    }
    expect((await record(districtB.people.district_reviewer, { studentId: "stu-1001" })).body.records.map((r) => r.reportId)).toEqual(["b-1"]);
    expect((await record(admin)).status).toBe(422); // which tenant?
    expect((await record(admin, { tenantId: districtB.tenant.id })).body.records.map((r) => r.reportId)).toContain("b-1");
    expect((await record(company.people.tenant_member)).status).toBe(403); // no compliance.read
    expect((await record(districtA.people.district_reviewer, { cursor: "nope" })).status).toBe(422);
    expect((await record(districtA.people.district_reviewer, { studentId: "a\u0000b" })).status).toBe(422);
  });
});

describe("exports", () => {
  it("CSV is formula-safe and PDF renders; each export is audited", async () => {
    await report("reports-worker", { disclosures: [disclosure("x-1", { party: "=HYPERLINK(\"http://evil.example\")", studentIds: ["stu-9"] })] });
    await deliver();
    const csv = await web<ExportDisclosuresResponse>("GET", "/v1/disclosures/export?format=csv&studentId=stu-9", districtA.people.district_reviewer);
    expect(csv.status).toBe(200);
    const text = Buffer.from(csv.body.base64, "base64").toString("utf8");
    expect(text.split("\r\n")[0]).toMatch(/^\ufeffoccurred_at,kind,component,party/);
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example"")"`);
    expect(csv.body.rows).toBe(1);
    const pdf = await web<ExportDisclosuresResponse>("GET", "/v1/disclosures/export?format=pdf", districtA.people.district_reviewer);
    expect(pdf.status).toBe(200);
    expect(Buffer.from(pdf.body.base64, "base64").subarray(0, 5).toString()).toBe("%PDF-");
    expect(await s.access.prisma.outboxEvent.count({ where: { payload: { path: ["action"], equals: "disclosure.export" } } })).toBe(2);
  });
});
