// Disposition of a district's data (NDPA Exhibit D): a district admin files a request; each licensed
// component acknowledges over real mTLS with its own certificate; the last acknowledgement crypto-shreds the
// district's data key and issues a certificate of destruction that verifies with jose against the JWKS.
// Then every endpoint's negative paths: Tessera's identities, a component not serving the district,
// acknowledging twice, another district's request, the list's search, the wrong role, malformed input.
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify, type JSONWebKeySet } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AcknowledgeDispositionRequest, DispositionCertificateClaims, DispositionCertificateResponse, DispositionResponse, ListDispositionsResponse } from "../../contracts/disposition-api";
import { dispositionCertificateType } from "../../contracts/disposition-api";
import { createLicenseCatalogue, createLicenseViaApi, insertLicenseRow, type LicenseCatalogue } from "../support/license-fixtures";
import { serveComponents } from "../support/resource-server-fixtures";
import { giveSecondFactor } from "../support/mfa-fixtures";
import { startAccessService, type AccessHarness } from "../support/start-access-service";
import { authorization, createPlatformAdmin, createTenantWithPeople, fixturePassword, type SignedInPerson, type TenantWithPeople } from "../support/tenant-fixtures";

type Problem = { code: string; detail: string; reason?: string; fieldErrors?: Record<string, string[]> };

let h: AccessHarness;
/** A second access process on the same database: it unwraps and caches the district's data key before the shredding. */
let second: AccessHarness;
let cat: LicenseCatalogue;
let platform: SignedInPerson;
let a: TenantWithPeople;
let b: TenantWithPeople;
let company: TenantWithPeople;
const aLicenses: { id: string; key?: string }[] = [];
let bLicense: string;

beforeAll(async () => {
  h = await startAccessService("dispositions");
  second = await startAccessService("", {}, { sameDatabaseAs: h });
  cat = await createLicenseCatalogue(h, "d", { resourceServers: [] });
  // Each component has its own resource server, so each acknowledges with its own certificate.
  await serveComponents(h, "reports-worker", [cat.reports.id]);
  await serveComponents(h, "etl-worker", [cat.etl.id]);
  platform = await createPlatformAdmin(h);
  a = await createTenantWithPeople(h, { slug: "dist-a", kind: "district", name: "Aspen School District" });
  b = await createTenantWithPeople(h, { slug: "dist-b", kind: "district", name: "Birch School District" });
  company = await createTenantWithPeople(h, { slug: "acme-co", kind: "company" });
  // Revealing a key asks for a fresh second factor: the districts' administrators have one.
  await giveSecondFactor(h, a.people.tenant_admin, b.people.tenant_admin);
  aLicenses.push(await createLicenseViaApi(h, platform, { tenantId: a.tenant.id, componentId: cat.reports.id, tierId: cat.basic.id }));
  aLicenses.push(await createLicenseViaApi(h, platform, { tenantId: a.tenant.id, componentId: cat.etl.id, tierId: cat.pro.id }));
  // An older license whose key is still under the storage keyring itself (before data keys): shredding must cover it too.
  aLicenses.push(await insertLicenseRow(h, { tenantId: a.tenant.id, componentId: cat.reports.id, tierId: cat.basic.id, status: "expired", endsAt: new Date(Date.now() - 86_400_000) }));
  bLicense = (await createLicenseViaApi(h, platform, { tenantId: b.tenant.id, componentId: cat.reports.id, tierId: cat.basic.id })).id;
});
afterAll(async () => {
  await second?.close();
  await h?.close();
});

const web = async <T>(method: "GET" | "POST", url: string, person: SignedInPerson, body?: unknown) => (await h.as("web")).json<T>(method, url, body, authorization(person));
const asComponent = async <T>(identity: string, method: "GET" | "POST", url: string, body?: unknown) => (await h.as(identity)).json<T>(method, url, body);
const ack = (identity: string, id: string, body: AcknowledgeDispositionRequest | Record<string, unknown>) => asComponent<Problem & { disposition: { state: string; awaiting: string[] } }>(identity, "POST", `/v1/dispositions/${id}/acknowledgements`, body);
const reveal = (licenseId: string, person: SignedInPerson, via: AccessHarness = h) =>
  via.as("web").then((c) => c.json<Problem & { key: string }>("POST", `/v1/licenses/${licenseId}/reveal-key`, { password: fixturePassword }, authorization(person)));
const outboxPayloads = async () => (await h.prisma.outboxEvent.findMany({ orderBy: { createdAt: "asc" } })).map((e) => e.payload as { id: string; action: string; outcome: string; target: { type: string; id: string } | null; data: Record<string, unknown> });
const dispositionCount = () => h.prisma.dispositionRequest.count();

describe("a disposition request for all of a district's data", () => {
  let id: string;

  it("is filed by the district's admin, with one part per licensed component, audited", async () => {
    expect((await reveal(aLicenses[0].id, a.people.tenant_admin)).status).toBe(200); // readable before
    const older = await reveal(aLicenses[2].id, a.people.tenant_admin); // the older form (under the keyring itself) reads too
    expect(older.status).toBe(200);
    expect(older.body.key).toBe(aLicenses[2].key);
    const res = await web<DispositionResponse>("POST", "/v1/dispositions", a.people.tenant_admin, { scope: "all", reason: "Contract ended 2026-11-30", confirm: true });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    id = res.body.disposition.id;
    expect(id).toMatch(/^dsp_/);
    expect(res.body.disposition).toMatchObject({ tenant: { id: a.tenant.id, name: "Aspen School District" }, scope: "all", state: "awaiting-components", awaiting: ["DETL", "DREPORTS"], hasCertificate: false });
    expect(res.body.disposition.parts.map((p) => p.componentKey)).toEqual(["detl", "dreports"]);
    const filed = (await outboxPayloads()).find((e) => e.action === "disposition.file" && e.target?.id === id)!;
    expect(filed.data).toEqual({ scope: "all", components: ["detl", "dreports"], students: 0 });
    expect(res.body.disposition.auditEventIds).toEqual([filed.id]);
  });

  it("is listed for each component the caller serves, and nothing else", async () => {
    const reports = await asComponent<{ pending: { dispositionId: string; component: string; tenantId: string }[] }>("reports-worker", "GET", "/v1/component-dispositions");
    expect(reports.status).toBe(200);
    expect(reports.body.pending).toEqual([expect.objectContaining({ dispositionId: id, component: "dreports", tenantId: a.tenant.id })]);
    const stranger = await asComponent<{ pending: unknown[] }>("stranger-worker", "GET", "/v1/component-dispositions");
    expect(stranger.body.pending).toEqual([]);
  });

  it("waits for every component, naming those that have not acknowledged; no certificate before", async () => {
    const first = await ack("reports-worker", id, { component: "dreports", statement: "Deleted 412 report rows and their exports; backups expire 2026-12-30." });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body.disposition).toEqual({ id, state: "awaiting-components", awaiting: ["DETL"] });
    const early = await web<Problem>("GET", `/v1/dispositions/${id}/certificate`, a.people.district_reviewer);
    expect(early.status).toBe(409);
    expect(early.body.detail).toMatch(/every component has acknowledged/);
    const shown = await web<DispositionResponse>("GET", `/v1/dispositions/${id}`, a.people.district_reviewer);
    expect(shown.body.disposition.awaiting).toEqual(["DETL"]);
    expect(shown.body.disposition.parts.find((p) => p.componentKey === "dreports")).toMatchObject({ acknowledgedBy: "reports-worker", statement: expect.stringMatching(/412 report rows/) });
    expect((await reveal(aLicenses[1].id, a.people.tenant_admin)).status).toBe(200); // Tessera's part waits for the last component
    expect((await reveal(aLicenses[1].id, a.people.tenant_admin, second)).status).toBe(200);
    expect(second.ctx.dataKeys.size).toBe(1); // the other process holds the unwrapped key now
  });

  it("ends, at the second acknowledgement, in a certificate that verifies with jose against the JWKS", async () => {
    const second = await ack("etl-worker", id, { component: "detl", statement: "Dropped the district's pipelines and staging tables." });
    expect(second.status, JSON.stringify(second.body)).toBe(200);
    expect(second.body.disposition).toEqual({ id, state: "complete", awaiting: [] });

    const res = await web<DispositionCertificateResponse>("GET", `/v1/dispositions/${id}/certificate`, a.people.district_reviewer);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const jwks = await asComponent<JSONWebKeySet>("reports-worker", "GET", "/.well-known/jwks.json");
    expect(jwks.status).toBe(200);
    const { payload, protectedHeader } = await jwtVerify(res.body.certificate, createLocalJWKSet(jwks.body), {
      issuer: h.ctx.settings.publicUrl,
      subject: id,
      typ: dispositionCertificateType,
      algorithms: ["EdDSA"],
    });
    expect(protectedHeader.kid).toBe(res.body.kid);
    const claims = payload as unknown as DispositionCertificateClaims;
    expect(claims.district).toMatchObject({ id: a.tenant.id, name: "Aspen School District", slug: "dist-a" });
    expect(claims.scope).toBe("all");
    expect(claims.requestedBy).toBe(a.people.tenant_admin.user.email);
    expect(claims.parts).toEqual([
      expect.objectContaining({ component: "detl", acknowledgedBy: "etl-worker", statement: "Dropped the district's pipelines and staging tables." }),
      expect.objectContaining({ component: "dreports", acknowledgedBy: "reports-worker" }),
    ]);
    // Tessera's evidence: the district's data key, destroyed, protecting its three license keys (the older one moved under it first).
    const dataKey = await h.prisma.tenantDataKey.findFirstOrThrow({ where: { tenantId: a.tenant.id } });
    expect(dataKey).toMatchObject({ live: null, wrappedKey: null, dispositionId: id, protectedRecords: 3, destroyedBy: a.people.tenant_admin.user.email });
    expect(claims.tessera.dataKey).toEqual({ keyId: dataKey.id, destroyedAt: dataKey.destroyedAt!.toISOString(), destroyedBy: a.people.tenant_admin.user.email, protectedRecords: 3 });
    expect(claims.tessera.licensesRevoked).toBe(2);
    expect(claims.tessera.kept.join(" ")).toMatch(/audit chain/);
    // The events it references exist, in order: filing, the two acknowledgements, Tessera's destruction, completion.
    const events = new Map((await outboxPayloads()).map((e) => [e.id, e]));
    expect(claims.auditEventIds.map((e) => events.get(e)?.action)).toEqual(["disposition.file", "disposition.acknowledge", "disposition.acknowledge", "disposition.tessera_destroy", "disposition.complete"]);
    expect(events.get(claims.auditEventIds[3])!.data).toMatchObject({ dataKeyId: dataKey.id, protectedRecords: 3, licensesRevoked: 2 });
    expect(events.get(claims.auditEventIds[4])!.data).toEqual({ certificateKid: res.body.kid, certificateJti: claims.jti });
    // A tampered certificate does not verify.
    const [header, body, signature] = res.body.certificate.split(".");
    const forged = Buffer.from(JSON.stringify({ ...claims, scope: "students" })).toString("base64url");
    await expect(jwtVerify(`${header}.${forged}.${signature}`, createLocalJWKSet(jwks.body))).rejects.toThrow();
    expect(decodeProtectedHeader(`${header}.${body}.${signature}`).alg).toBe("EdDSA");
  });

  it("is also a PDF, and each download is audited", async () => {
    const res = await web<string>("GET", `/v1/dispositions/${id}/certificate/pdf`, a.people.district_reviewer);
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toBe("application/pdf"); // the bytes themselves, which the web tier streams through
    expect(res.headers["content-disposition"]).toBe(`attachment; filename="certificate-of-destruction-${id}.pdf"`);
    expect(res.body.startsWith("%PDF-")).toBe(true);
    expect(res.body.length).toBeGreaterThan(2_000);
    const downloads = (await outboxPayloads()).filter((e) => e.action === "disposition.certificate_download" && e.target?.id === id).map((e) => e.data.format);
    expect(downloads).toEqual(["jws", "pdf"]);
  });

  it("leaves the district's license keys unreadable, saying why; another district's still read", async () => {
    for (const license of aLicenses) {
      const res = await reveal(license.id, a.people.tenant_admin);
      expect(res.status, license.id).toBe(410);
      expect(res.body.detail).toMatch(new RegExp(`data key was destroyed on .* for disposition request ${id} \\(crypto-shredding\\)`));
      expect(res.body.reason).toBe("data-key-destroyed");
    }
    // The other process, which held the key in memory, refuses too, and forgets it.
    expect((await reveal(aLicenses[1].id, a.people.tenant_admin, second)).status).toBe(410);
    expect(second.ctx.dataKeys.size).toBe(0);
    const audited = (await outboxPayloads()).filter((e) => e.action === "license.key_reveal" && e.outcome === "failure" && e.data.reason === "data-key-destroyed");
    expect(audited).toHaveLength(4);
    // The ciphertexts are still there, but nothing can open them: the only copy of their key is gone.
    const rows = await h.prisma.license.findMany({ where: { tenantId: a.tenant.id }, select: { keyCiphertext: true, status: true } });
    expect(rows.every((r) => r.keyCiphertext.startsWith("tdk_"))).toBe(true);
    expect(rows.map((r) => r.status).sort()).toEqual(["expired", "revoked", "revoked"]);
    expect((await reveal(bLicense, b.people.tenant_admin)).status).toBe(200);
  });

  it("is complete in the list, with Tessera's evidence, for the district and for platform admins", async () => {
    const mine = await web<ListDispositionsResponse>("GET", "/v1/dispositions", a.people.district_reviewer);
    expect(mine.body.dispositions.map((d) => [d.id, d.state, d.hasCertificate])).toEqual([[id, "complete", true]]);
    expect(mine.body.dispositions[0].tessera.evidence?.destroyed[0]).toMatch(/data key tdk_.*3 license key/);
  });
});

describe("the filing form's options", () => {
  it("offer a district its own licensed components, platform admins every district, reviewers nothing", async () => {
    const mine = await web<{ districts: { id: string }[]; components: { key: string }[] }>("GET", `/v1/disposition-options?tenantId=${b.tenant.id}`, a.people.tenant_admin);
    expect(mine.body.districts.map((d) => d.id)).toEqual([a.tenant.id]);
    expect(mine.body.components.map((c) => c.key)).toEqual(["detl", "dreports"]);
    const all = await web<{ districts: { id: string }[]; components: { key: string }[] }>("GET", `/v1/disposition-options?tenantId=${b.tenant.id}`, platform);
    expect(all.body.districts.map((d) => d.id)).toEqual(expect.arrayContaining([a.tenant.id, b.tenant.id]));
    expect(all.body.districts.map((d) => d.id)).not.toContain(company.tenant.id);
    expect(all.body.components.map((c) => c.key)).toEqual(["dreports"]);
    expect((await web("GET", "/v1/disposition-options", a.people.district_reviewer)).status).toBe(403);
  });
});

describe("requests about some students or some components", () => {
  it("concern every licensed component (students) or the chosen ones; Tessera destroys nothing of its own, and says so", async () => {
    const res = await web<DispositionResponse>("POST", "/v1/dispositions", b.people.tenant_admin, { scope: "students", studentIds: ["stu-0042", "stu-0043", "stu-0042"], confirm: true });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.disposition).toMatchObject({ studentIds: ["stu-0042", "stu-0043"], awaiting: ["DREPORTS"] });
    const pending = await asComponent<{ pending: { dispositionId: string; studentIds: string[] }[] }>("reports-worker", "GET", "/v1/component-dispositions");
    expect(pending.body.pending).toEqual([expect.objectContaining({ dispositionId: res.body.disposition.id, studentIds: ["stu-0042", "stu-0043"] })]);
    expect((await ack("reports-worker", res.body.disposition.id, { component: "dreports", statement: "Deleted two students' reports." })).body.disposition.state).toBe("complete");
    const done = await web<DispositionResponse>("GET", `/v1/dispositions/${res.body.disposition.id}`, b.people.district_reviewer);
    expect(done.body.disposition.tessera.evidence).toMatchObject({ dataKey: null, licensesRevoked: 0, destroyed: [expect.stringMatching(/^Nothing/)] });
    expect((await reveal(bLicense, b.people.tenant_admin)).status).toBe(200);
  });

  it("a platform admin files for a district, naming it; a district with no licensed component concerned completes at once", async () => {
    const c = await createTenantWithPeople(h, { slug: "dist-c", kind: "district" });
    const res = await web<DispositionResponse>("POST", "/v1/dispositions", platform, { tenantId: c.tenant.id, scope: "all", confirm: true });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.disposition).toMatchObject({ state: "complete", parts: [], hasCertificate: true, tessera: { evidence: { dataKey: null } } });
  });
});

describe("negative paths", () => {
  let open: string; // B's open request about its reports component
  beforeAll(async () => {
    const res = await web<DispositionResponse>("POST", "/v1/dispositions", b.people.tenant_admin, { scope: "components", componentIds: [cat.reports.id], confirm: true });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    open = res.body.disposition.id;
  });

  it("Tessera's own identities cannot acknowledge or list parts (policy: components only)", async () => {
    for (const identity of ["web", "audit", "operator", "access"]) {
      expect((await ack(identity, open, { component: "dreports", statement: "x" })).status, identity).toBe(403);
      expect((await asComponent(identity, "GET", "/v1/component-dispositions")).status, identity).toBe(403);
    }
  });

  it("a component not serving the district, or not the component named, is answered as an unknown request; nothing changes", async () => {
    const before = JSON.stringify(await h.prisma.dispositionPart.findMany({ orderBy: { componentId: "asc" } }));
    const cases: [string, Record<string, string>][] = [
      ["etl-worker", { component: "detl", statement: "B has no etl license" }], // serves a component the district is not licensed for
      ["etl-worker", { component: "dreports", statement: "does not serve reports" }],
      ["stranger-worker", { component: "dreports", statement: "serves nothing" }],
      ["reports-worker", { component: "nope", statement: "no such component" }],
    ];
    for (const [identity, body] of cases) {
      const res = await ack(identity, open, body);
      expect(res.status, `${identity} ${body.component}`).toBe(404);
      expect(res.body.detail).toBe("No such disposition request.");
    }
    expect((await ack("reports-worker", "dsp_unknown", { component: "dreports", statement: "x" })).status).toBe(404);
    expect(JSON.stringify(await h.prisma.dispositionPart.findMany({ orderBy: { componentId: "asc" } }))).toBe(before);
  });

  it("acknowledging twice is a conflict that changes nothing", async () => {
    const [done] = (await h.prisma.dispositionRequest.findMany({ where: { tenantId: a.tenant.id } })).map((d) => d.id);
    const res = await ack("reports-worker", done, { component: "dreports", statement: "again" });
    expect(res.status).toBe(409);
    expect(res.body.detail).toMatch(/DREPORTS acknowledged this request on .*; an acknowledgement is given once/);
    const part = await h.prisma.dispositionPart.findFirstOrThrow({ where: { dispositionId: done, componentKey: "dreports" } });
    expect(part.statement).toMatch(/412 report rows/);
  });

  it("another district's request is not found; lists show each district its own, platform admins all", async () => {
    for (const url of [`/v1/dispositions/${open}`, `/v1/dispositions/${open}/certificate`, `/v1/dispositions/${open}/certificate/pdf`]) {
      expect((await web("GET", url, a.people.district_reviewer)).status, url).toBe(404);
      expect((await web("GET", url, a.people.tenant_admin)).status, url).toBe(404);
    }
    const aList = await web<ListDispositionsResponse>("GET", `/v1/dispositions?tenantId=${b.tenant.id}`, a.people.tenant_admin);
    expect(aList.body.dispositions).toEqual([]);
    const bList = await web<ListDispositionsResponse>("GET", "/v1/dispositions", b.people.district_reviewer);
    expect(bList.body.dispositions.every((d) => d.tenant.id === b.tenant.id)).toBe(true);
    const all = await web<ListDispositionsResponse>("GET", "/v1/dispositions?pageSize=100", platform);
    expect(new Set(all.body.dispositions.map((d) => d.tenant.id))).toEqual(new Set([a.tenant.id, b.tenant.id, expect.any(String)]));
    expect(all.body.total).toBe(all.body.dispositions.length);
    // Filing for another district: as an unknown one.
    const cross = await web<Problem>("POST", "/v1/dispositions", a.people.tenant_admin, { tenantId: b.tenant.id, scope: "all", confirm: true });
    expect(cross.status).toBe(422);
    expect(cross.body.fieldErrors?.tenantId).toEqual(["No such district."]);
  });

  it("the list searches ids, e-mails, components, whole student ids and district names, within what the caller may see", async () => {
    const search = (person: SignedInPerson, text: string) => web<ListDispositionsResponse & Problem>("GET", `/v1/dispositions?${new URLSearchParams({ search: text, pageSize: "100" })}`, person);
    const ids = async (person: SignedInPerson, text: string) => (await search(person, text)).body.dispositions.map((d) => d.id).sort();
    const bRequests = (await h.prisma.dispositionRequest.findMany({ where: { tenantId: b.tenant.id }, select: { id: true, studentIds: true } }));
    const students = bRequests.filter((d) => d.studentIds.includes("stu-0042")).map((d) => d.id);
    expect(students).toHaveLength(1);
    expect(await ids(b.people.district_reviewer, "stu-0042")).toEqual(students);
    expect(await ids(b.people.district_reviewer, "stu-004")).toEqual([]); // a student id is matched whole, never by a part
    expect(await ids(b.people.district_reviewer, open.slice(4, 14).toUpperCase())).toEqual([open]);
    expect(await ids(b.people.district_reviewer, b.people.tenant_admin.user.email.toUpperCase())).toEqual(bRequests.map((d) => d.id).sort());
    expect(await ids(b.people.district_reviewer, "DREPORTS")).toEqual(bRequests.map((d) => d.id).sort()); // each of B's names its reports component
    expect(await ids(b.people.district_reviewer, "%")).toEqual([]); // a wildcard is text, not a pattern
    // Another district's name, e-mail or request id finds nothing for A's people; a platform admin finds B's.
    expect(await ids(a.people.tenant_admin, "Birch")).toEqual([]);
    expect(await ids(a.people.district_reviewer, open)).toEqual([]);
    expect(await ids(a.people.tenant_admin, b.people.tenant_admin.user.email)).toEqual([]);
    expect(await ids(platform, "birch school")).toEqual(bRequests.map((d) => d.id).sort());
    const tooLong = await search(b.people.district_reviewer, "x".repeat(101));
    expect(tooLong.status).toBe(422);
    expect(tooLong.body.fieldErrors?.search).toEqual(["Use at most 100 characters."]);
  });

  it("the wrong role is refused before anything is read", async () => {
    const n = await dispositionCount();
    expect((await web("POST", "/v1/dispositions", a.people.district_reviewer, { scope: "all", confirm: true })).status).toBe(403);
    expect((await web("POST", "/v1/dispositions", a.people.tenant_member, { scope: "all", confirm: true })).status).toBe(403);
    expect((await web("GET", "/v1/dispositions", a.people.tenant_member)).status).toBe(403);
    expect((await web("GET", `/v1/dispositions/${open}`, b.people.tenant_member)).status).toBe(403);
    const companyFiling = await web<Problem>("POST", "/v1/dispositions", company.people.tenant_admin, { scope: "all", confirm: true });
    expect(companyFiling.status).toBe(422);
    expect(companyFiling.body.fieldErrors?.tenantId).toEqual(["Only a school district files a disposition request."]);
    expect(await dispositionCount()).toBe(n);
  });

  it("malformed filings and acknowledgements get field messages and change nothing", async () => {
    const n = await dispositionCount();
    const filings: [Record<string, unknown>, string][] = [
      [{ scope: "all" }, "confirm"],
      [{ scope: "all", confirm: false }, "confirm"],
      [{ scope: "everything", confirm: true }, "scope"],
      [{ scope: "components", confirm: true }, "componentIds"],
      [{ scope: "components", componentIds: [cat.etl.id], confirm: true }, "componentIds"], // not licensed to B
      [{ scope: "students", confirm: true }, "studentIds"],
      [{ scope: "students", studentIds: ["jane.doe@school.example"], confirm: true }, "studentIds.0"],
      [{ scope: "all", studentIds: ["stu-1"], confirm: true }, "studentIds"],
      [{ scope: "all", confirm: true, reason: "x".repeat(501) }, "reason"],
      [{ scope: "all", confirm: true, extra: 1 }, ""],
    ];
    for (const [body, field] of filings) {
      const res = await web<Problem>("POST", "/v1/dispositions", b.people.tenant_admin, body);
      expect(res.status, JSON.stringify(body)).toBe(422);
      if (field) expect(Object.keys(res.body.fieldErrors ?? {}), JSON.stringify(body)).toContain(field);
    }
    expect((await web<Problem>("POST", "/v1/dispositions", platform, { scope: "all", confirm: true })).body.fieldErrors?.tenantId).toEqual(["Choose the district."]);
    for (const body of [{ component: "dreports" }, { component: "dreports", statement: "" }, { component: "Bad Key", statement: "x" }, { component: "dreports", statement: "x", more: 1 }, { component: "dreports", statement: `key tlk_${"A".repeat(43)}` }]) {
      expect((await ack("reports-worker", open, body)).status, JSON.stringify(body)).toBe(422);
    }
    expect((await web("GET", "/v1/dispositions?page=0", b.people.district_reviewer)).status).toBe(422);
    expect(await dispositionCount()).toBe(n);
    expect((await h.prisma.dispositionPart.findFirstOrThrow({ where: { dispositionId: open } })).acknowledgedAt).toBeNull();
  });
});
