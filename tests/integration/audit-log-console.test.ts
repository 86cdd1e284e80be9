// The console's audit log through the access service: who sees what (a platform admin every tenant's
// events, a tenant admin their own tenant's only, even when asking for another's; tenant members and
// district reviewers are refused, lacking audit.read), the filters, events as sentences with names,
// malformed filters, the exports (CSV safe for spreadsheets, JSON, a segment that verifies offline) and
// the chain's status with who last verified it.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AuditEvent } from "../../contracts/audit-api";
import type { AuditLogResponse, ChainStatus } from "../../contracts/audit-log-api";
import { verifySegment } from "../../services/audit/domain/segments/verify-segment";
import { createMtlsClient } from "../../services/common/http/mtls-client";
import { insertLicense } from "../support/catalogue-fixtures";
import { createLicenseCatalogue } from "../support/license-fixtures";
import { startBothServices, type BothServices } from "../support/start-both-services";
import { authorization, createPlatformAdmin, createTenantWithPeople, type SignedInPerson, type TenantWithPeople } from "../support/tenant-fixtures";

let both: BothServices;
let admin: SignedInPerson;
let a: TenantWithPeople;
let b: TenantWithPeople;
let licenseA: string;
let audit: ReturnType<typeof createMtlsClient>;

beforeAll(async () => {
  both = await startBothServices("audit_log_console");
  const h = both.access;
  audit = createMtlsClient(both.audit.url, await h.pki.client("access"));
  h.ctx.auditClient = audit;
  admin = await createPlatformAdmin(h);
  a = await createTenantWithPeople(h, { slug: "denver", name: "Denver Public Schools", kind: "district" });
  b = await createTenantWithPeople(h, { slug: "boulder", name: "Boulder Valley" });
  const cat = await createLicenseCatalogue(h, "al");
  await h.prisma.component.update({ where: { id: cat.reports.id }, data: { name: "Reports" } });
  licenseA = (await insertLicense(h, { tenantId: a.tenant.id, componentKey: cat.reports.key, tierId: cat.basic.id })).id;
  const licenseB = (await insertLicense(h, { tenantId: b.tenant.id, componentKey: cat.reports.key, tierId: cat.basic.id })).id;
  const events: AuditEvent[] = [
    ev({ action: "license.revoke", actorId: admin.user.id, tenantId: a.tenant.id, target: { type: "license", id: licenseA }, minute: 1 }),
    ev({ action: "license.suspend", actorId: a.people.tenant_admin.user.id, tenantId: a.tenant.id, target: { type: "license", id: licenseA }, minute: 2 }),
    ev({ action: "token.create", actorId: a.people.tenant_admin.user.id, tenantId: a.tenant.id, target: { type: "token", id: "tok_gone" }, minute: 3, data: { note: "=HYPERLINK(\"http://evil\")" } }),
    ev({ action: "license.revoke", actorId: admin.user.id, tenantId: b.tenant.id, target: { type: "license", id: licenseB }, minute: 4, data: { secretWord: "boulder-only" } }),
    ev({ action: "widget.frobnicate", actorId: b.people.tenant_admin.user.id, tenantId: b.tenant.id, target: { type: "widget", id: "w_1" }, minute: 5 }),
  ];
  expect((await audit.json("POST", "/v1/events", { events })).status).toBe(200);
});
afterAll(async () => {
  await audit?.close();
  await both?.close();
});

function ev(o: { action: string; actorId: string; tenantId: string | null; target: { type: string; id: string } | null; minute: number; data?: Record<string, unknown> }): AuditEvent {
  return {
    id: randomUUID(), occurredAt: new Date(Date.UTC(2026, 10, 1, 9, o.minute)).toISOString(), action: o.action, outcome: "success",
    actor: { type: "user", id: o.actorId, label: "label@example.com" }, target: o.target, tenantId: o.tenantId,
    sourceIp: "198.51.100.7", requestId: `req-${o.minute}`, data: o.data ?? {},
  };
}

const get = async <T>(url: string, person: SignedInPerson) => (await both.access.as("web")).json<T>("GET", url, undefined, authorization(person));
const list = (person: SignedInPerson, query = "") => get<AuditLogResponse>(`/v1/audit/events${query ? `?${query}` : ""}`, person);
const actions = (r: { body: AuditLogResponse }) => r.body.events.map((e) => e.action);

describe("who sees what", () => {
  it("shows a platform admin every tenant's events, newest first, as sentences with names", async () => {
    const res = await list(admin);
    expect(res.status).toBe(200);
    expect(actions(res)).toEqual(["widget.frobnicate", "license.revoke", "token.create", "license.suspend", "license.revoke"]);
    const revoke = res.body.events[4];
    expect(revoke.sentence).toBe("Pat Platform revoked license Reports for Denver Public Schools");
    expect(revoke).toMatchObject({ actor: { id: admin.user.id, name: "Pat Platform" }, tenant: { id: a.tenant.id, name: "Denver Public Schools" }, sourceIp: "198.51.100.7", requestId: "req-1" });
    // An action without a template still reads as a sentence; a target no longer there keeps its id.
    expect(res.body.events[0].sentence).toBe("Ada Admin: widget frobnicate on widget w_1 for Boulder Valley");
    expect(res.body.events[2].sentence).toBe("Ada Admin created token tok_gone for Denver Public Schools");
  });

  it("shows a tenant admin their own tenant's events only, and an empty page when asking for another tenant's", async () => {
    const own = await list(a.people.tenant_admin);
    expect(actions(own)).toEqual(["token.create", "license.suspend", "license.revoke"]);
    expect(JSON.stringify(own.body)).not.toContain(b.tenant.id);
    const other = await list(a.people.tenant_admin, `tenantId=${b.tenant.id}`);
    expect(other.status).toBe(200);
    expect(other.body).toEqual({ events: [], nextBeforeSeq: null });
    const unknown = await list(a.people.tenant_admin, "tenantId=ten_doesnotexist");
    expect(unknown.body).toEqual(other.body);
    const bAdmin = await list(b.people.tenant_admin);
    expect(actions(bAdmin)).toEqual(["widget.frobnicate", "license.revoke"]);
  });

  it("refuses tenant members and district reviewers (no audit.read), for the list, the exports and the status", async () => {
    for (const person of [a.people.tenant_member, a.people.district_reviewer]) {
      for (const url of ["/v1/audit/events", "/v1/audit/export?format=csv", "/v1/audit/export?format=segment", "/v1/audit/chain-status"]) {
        expect((await get(url, person)).status, url).toBe(403);
      }
    }
    // Only platform admins start a verification of the whole chain.
    const web = await both.access.as("web");
    expect((await web.json("POST", "/v1/audit/chain/verify", undefined, authorization(a.people.tenant_admin))).status).toBe(403);
  });
});

describe("filters", () => {
  it("filters by actor, exact action, action area, target, tenant, time range and text, with pages", async () => {
    expect(actions(await list(admin, `actorId=${a.people.tenant_admin.user.id}`))).toEqual(["token.create", "license.suspend"]);
    expect(actions(await list(admin, "action=license.revoke"))).toEqual(["license.revoke", "license.revoke"]);
    expect(actions(await list(admin, "action=license."))).toEqual(["license.revoke", "license.suspend", "license.revoke"]);
    expect(actions(await list(admin, `targetId=${licenseA}`))).toEqual(["license.suspend", "license.revoke"]);
    expect(actions(await list(admin, `tenantId=${b.tenant.id}`))).toEqual(["widget.frobnicate", "license.revoke"]);
    const range = `from=${encodeURIComponent("2026-11-01T09:02:00Z")}&to=${encodeURIComponent("2026-11-01T09:04:00Z")}`;
    expect(actions(await list(admin, range))).toEqual(["token.create", "license.suspend"]);
    expect(actions(await list(admin, `to=${encodeURIComponent("2026-11-01T09:02:00Z")}`))).toEqual(["license.revoke"]);
    expect(actions(await list(admin, `from=${encodeURIComponent("2026-11-01T09:04:00Z")}&limit=1`))).toEqual(["widget.frobnicate"]);
    const olderInRange = await list(admin, `from=${encodeURIComponent("2026-11-01T09:04:00Z")}&limit=1`);
    expect(actions(await list(admin, `from=${encodeURIComponent("2026-11-01T09:04:00Z")}&beforeSeq=${olderInRange.body.nextBeforeSeq}`))).toEqual(["license.revoke"]);
    expect(actions(await list(admin, "q=BOULDER-ONLY"))).toEqual(["license.revoke"]);
    expect(actions(await list(admin, `q=${encodeURIComponent("BOULDER%ONLY")}`)), "% is itself, not a wildcard").toEqual([]);
    // A tenant admin's text search cannot reach another tenant's events.
    expect(actions(await list(a.people.tenant_admin, "q=boulder-only"))).toEqual([]);
    expect(actions(await list(admin, `from=${encodeURIComponent("2030-01-01T00:00:00Z")}`))).toEqual([]);
    const first = await list(admin, "limit=2");
    expect(first.body.events).toHaveLength(2);
    const second = await list(admin, `limit=2&beforeSeq=${first.body.nextBeforeSeq}`);
    expect(actions(second)).toEqual(["token.create", "license.suspend"]);
  });

  it("answers malformed filters with a sentence for a person per field", async () => {
    for (const [query, field] of [["from=yesterday", "from"], ["action=License%20Revoke", "action"], ["limit=5000", "limit"], ["beforeSeq=-1", "beforeSeq"], [`from=2026-11-02T00:00:00Z&to=2026-11-01T00:00:00Z`, "to"], [`q=${"x".repeat(201)}`, "q"]] as const) {
      const res = await list(admin, query);
      expect(res.status, query).toBe(422);
      const body = res.body as unknown as { detail: string; fieldErrors: Record<string, string[]> };
      expect(body.detail).toMatch(/\./);
      expect(Object.keys(body.fieldErrors), query).toContain(field);
    }
    expect((await list(admin, "from=2026-11-02T00:00:00Z&to=2026-11-01T00:00:00Z")).body).toMatchObject({ fieldErrors: { to: ["The start of the time range must be before its end."] } });
  });
});

describe("exports", () => {
  it("exports the filtered selection as CSV that a spreadsheet shows as text", async () => {
    const res = await (await both.access.as("web")).json<string>("GET", `/v1/audit/export?format=csv&tenantId=${a.tenant.id}`, undefined, authorization(admin));
    expect(res.status).toBe(200);
    const text = String(res.body);
    const lines = text.trimEnd().split("\r\n");
    expect(lines[0]).toMatch(/^Time \(UTC\),Event,Actor,/);
    expect(lines).toHaveLength(4);
    expect(lines[3]).toContain("Pat Platform revoked license Reports for Denver Public Schools");
    expect(text).not.toContain("Boulder");
    // The export is itself audited as it ends — how many events, and that it finished — without the search text a person may have typed.
    const searched = await get<string>(`/v1/audit/export?format=csv&q=${encodeURIComponent("tss_" + "a".repeat(43))}`, admin);
    expect(searched.status).toBe(200);
    const exports = await both.access.prisma.outboxEvent.findMany({ where: { payload: { path: ["action"], equals: "audit.export" } } });
    expect(exports.map((e) => (e.payload as { data: unknown }).data)).toEqual(
      expect.arrayContaining([
        { table: "audit-log", format: "csv", filters: { tenantId: a.tenant.id }, searched: false, rows: 3, complete: true },
        { table: "audit-log", format: "csv", filters: {}, searched: true, rows: 0, complete: true },
      ]),
    );
    expect(JSON.stringify(exports)).not.toContain("tss_");
  });

  it("gives a tenant admin a JSON export of their own tenant's events only", async () => {
    const res = await get<{ events: Array<{ tenant: { id: string } }> }>("/v1/audit/export?format=json", a.people.tenant_admin);
    expect(res.status).toBe(200);
    expect(res.body.events).toHaveLength(3);
    expect(res.body.events.every((e) => e.tenant.id === a.tenant.id)).toBe(true);
    const recorded = await both.access.prisma.outboxEvent.findMany({ where: { payload: { path: ["requestId"], equals: String(res.headers["x-request-id"]) } } });
    expect(recorded.map((e) => e.payload)).toEqual([expect.objectContaining({ action: "audit.export", outcome: "success", tenantId: a.tenant.id, data: expect.objectContaining({ format: "json", rows: 3, complete: true }) })]);
    const other = await get<{ events: unknown[] }>(`/v1/audit/export?format=json&tenantId=${b.tenant.id}`, a.people.tenant_admin);
    expect(other.body.events).toEqual([]);
  });

  it("exports a tenant admin's chain segment that verifies with the public key and shows nothing of the other tenant", async () => {
    const res = await (await both.access.as("web")).json<unknown>("GET", "/v1/audit/export?format=segment", undefined, authorization(a.people.tenant_admin));
    expect(res.status).toBe(200);
    const text = JSON.stringify(res.body);
    expect(text).not.toContain(b.tenant.id);
    expect(text).not.toContain("boulder-only");
    const status = await get<ChainStatus>("/v1/audit/chain-status", a.people.tenant_admin);
    const verdict = verifySegment(text, status.body.publicKey!);
    expect(verdict).toMatchObject({ ok: true, full: 3, digests: 2 });
    const recorded = await both.access.prisma.outboxEvent.findMany({ where: { payload: { path: ["requestId"], equals: String(res.headers["x-request-id"]) } } });
    expect((recorded[0]?.payload as { data: unknown }).data).toMatchObject({ format: "segment", rows: 3, complete: true });
    const tampered = text.replace("license.suspend", "license.renew");
    expect(verifySegment(tampered, status.body.publicKey!)).toMatchObject({ ok: false });
  });

  it("refuses an unknown format with a sentence", async () => {
    const res = await get<{ fieldErrors: Record<string, string[]> }>("/v1/audit/export?format=xlsx", admin);
    expect(res.status).toBe(422);
    expect(Object.keys(res.body.fieldErrors)).toEqual(["format"]);
  });
});

describe("the chain's status", () => {
  it("says when the chain was last verified and by whom, after a platform admin verifies it from the console", async () => {
    const web = await both.access.as("web");
    const verified = await web.json<{ ok: boolean; count: number }>("POST", "/v1/audit/chain/verify", undefined, authorization(admin));
    expect(verified.status).toBe(200);
    expect(verified.body.ok).toBe(true);
    const status = await get<ChainStatus>("/v1/audit/chain-status", a.people.tenant_admin);
    expect(status.status).toBe(200);
    expect(status.body.lastVerification).toMatchObject({ by: "person", personId: admin.user.id, byLabel: "Pat Platform, in the console", ok: true });
    expect(status.body.publicKey?.kid).toBeTruthy();
  });

  it("answers 503 with a sentence when the audit service cannot be read", async () => {
    const saved = both.access.ctx.auditClient;
    both.access.ctx.auditClient = null;
    try {
      const res = await get<{ detail: string }>("/v1/audit/events", admin);
      expect(res.status).toBe(503);
      expect(res.body.detail).toBe("The audit log cannot be read right now. Try again shortly.");
      const refused = await get<{ detail: string }>("/v1/audit/export?format=csv", admin);
      expect(refused.status).toBe(503);
      // Nothing was exported, so nothing is recorded as an export.
      expect(await both.access.prisma.outboxEvent.count({ where: { payload: { path: ["requestId"], equals: String(refused.headers["x-request-id"]) } } })).toBe(0);
    } finally {
      both.access.ctx.auditClient = saved;
    }
  });
});

