// The console's table exports (licenses, tenants, a license's tokens) as CSV: every page of the selection
// the table's filters make, cells that would start a spreadsheet formula neutralised, another tenant's
// rows never present, and bad filters or another tenant's license refused with nothing sent.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exportPageSize } from "../../services/access/domain/documents/paged-csv";
import { createLicenseCatalogue, insertLicenseRow, type LicenseCatalogue } from "../support/license-fixtures";
import { startAccessService, type AccessHarness } from "../support/start-access-service";
import { authorization, createPlatformAdmin, createTenantWithPeople, type SignedInPerson, type TenantWithPeople } from "../support/tenant-fixtures";
import { createTokenViaApi } from "../support/token-fixtures";

let h: AccessHarness;
let admin: SignedInPerson;
let north: TenantWithPeople;
let south: TenantWithPeople;
let formula: TenantWithPeople;
let cat: LicenseCatalogue;
let northLicense: string;
let southLicense: string;
const northLicenses: string[] = [];

beforeAll(async () => {
  h = await startAccessService("table-exports");
  admin = await createPlatformAdmin(h);
  north = await createTenantWithPeople(h, { slug: "x-north", name: "Northwind Traders" });
  south = await createTenantWithPeople(h, { slug: "x-south", name: "South Unified" });
  await createTenantWithPeople(h, { slug: "x-district", name: "East District", kind: "district" });
  formula = await createTenantWithPeople(h, { slug: "x-formula", name: "=HYPERLINK(\"http://evil.example\",\"x\")" });
  cat = await createLicenseCatalogue(h, "x");
  // More licenses than one export page, so the export must follow the cursor.
  for (let i = 0; i < exportPageSize + 5; i++) {
    const row = await insertLicenseRow(h, { tenantId: north.tenant.id, componentId: i % 2 ? cat.reports.id : cat.etl.id, tierId: cat.pro.id, status: i % 5 === 0 ? "suspended" : "active" });
    northLicenses.push(row.id);
  }
  northLicense = northLicenses[1];
  southLicense = (await insertLicenseRow(h, { tenantId: south.tenant.id, componentId: cat.reports.id, tierId: cat.pro.id })).id;
  await createTokenViaApi(h, north.people.tenant_admin, northLicense, { name: "@SUM(1+1)*cmd", scopes: ["xreports:read"] });
  await createTokenViaApi(h, north.people.tenant_admin, northLicense, { name: "deploy bot", scopes: ["xreports:read"] });
  await createTokenViaApi(h, admin, southLicense, { name: "south token", scopes: ["xreports:read"] });
}, 120_000);
afterAll(async () => h?.close());

async function download(path: string, who: SignedInPerson) {
  const res = await (await h.as("web")).json<string>("GET", path, undefined, authorization(who));
  return { status: res.status, headers: res.headers, text: typeof res.body === "string" ? res.body : JSON.stringify(res.body) };
}
/** The data rows of a CSV (its byte-order mark and header left out). */
const rowsOf = (text: string) => text.replace(/^\ufeff/, "").split("\r\n").filter(Boolean).slice(1);

describe("licenses export", () => {
  it("holds every page of the selection, as CSV with the table's header", async () => {
    const res = await download(`/v1/licenses/export?tenantId=${north.tenant.id}`, admin);
    expect(res.status).toBe(200);
    expect(String(res.headers["content-type"])).toMatch(/^text\/csv/);
    expect(String(res.headers["content-disposition"])).toMatch(/^attachment; filename="tessera-licenses-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect(res.text.replace(/^\ufeff/, "").split("\r\n")[0]).toBe("License id,Tenant,Tenant id,Application,Application key,Tier,Tier key,Status,Seats,Starts (UTC),Ends (UTC),Created (UTC)");
    const ids = rowsOf(res.text).map((r) => r.split(",")[0]);
    expect(ids.sort()).toEqual([...northLicenses].sort());
  });

  it("applies the table's filters (status, application, search)", async () => {
    const suspended = rowsOf((await download(`/v1/licenses/export?status=suspended&tenantId=${north.tenant.id}`, admin)).text);
    expect(suspended.length).toBe(northLicenses.filter((_, i) => i % 5 === 0).length);
    expect(suspended.every((r) => r.includes(",suspended,"))).toBe(true);
    const south = rowsOf((await download(`/v1/licenses/export?search=x-south`, admin)).text);
    expect(south.map((r) => r.split(",")[0])).toEqual([southLicense]);
  });

  it("never holds another tenant's rows, even when the person asks for them", async () => {
    const own = rowsOf((await download(`/v1/licenses/export`, north.people.tenant_admin)).text);
    expect(own.length).toBe(northLicenses.length);
    expect(own.some((r) => r.includes(southLicense))).toBe(false);
    const asked = await download(`/v1/licenses/export?tenantId=${south.tenant.id}`, north.people.tenant_admin);
    expect(asked.status).toBe(200);
    expect(rowsOf(asked.text)).toEqual([]);
  });

  it("refuses malformed filters, a page cursor and people without licenses.read", async () => {
    expect((await download(`/v1/licenses/export?status=bogus`, admin)).status).toBe(422);
    expect((await download(`/v1/licenses/export?cursor=abc`, admin)).status).toBe(422);
    expect((await download(`/v1/licenses/export?sort=nothing`, admin)).status).toBe(422);
    const noBearer = await (await h.as("web")).json<unknown>("GET", "/v1/licenses/export");
    expect(noBearer.status).toBe(401);
    const wrongService = await (await h.as("reports-worker")).json<unknown>("GET", "/v1/licenses/export", undefined, authorization(admin));
    expect(wrongService.status).toBe(403);
  });
});

describe("tenants export", () => {
  it("neutralises a cell that would start a formula and shows only the person's own tenant", async () => {
    const all = await download(`/v1/tenants/export`, admin);
    expect(all.status).toBe(200);
    expect(all.text).toContain(`"'=HYPERLINK(""http://evil.example"",""x"")"`);
    expect(all.text).not.toMatch(/(^|,)=HYPERLINK/m);
    const own = rowsOf((await download(`/v1/tenants/export`, north.people.tenant_admin)).text);
    expect(own.map((r) => r.split(",")[0])).toEqual([north.tenant.id]);
    const districts = rowsOf((await download(`/v1/tenants/export?kind=district`, admin)).text);
    expect(districts.length).toBe(1);
    expect(districts[0]).toContain("East District");
    expect((await download(`/v1/tenants/export?kind=planet`, admin)).status).toBe(422);
    expect((await download(`/v1/tenants/export`, formula.people.tenant_member)).status).toBe(200);
  });
});

describe("tokens export", () => {
  it("holds the license's tokens by the table's search, formula-safe, with no token material", async () => {
    const res = await download(`/v1/licenses/${northLicense}/tokens/export`, north.people.tenant_admin);
    expect(res.status).toBe(200);
    expect(String(res.headers["content-disposition"])).toContain("tessera-tokens-");
    const rows = rowsOf(res.text);
    expect(rows.length).toBe(2);
    expect(res.text).toContain(",'@SUM(1+1)*cmd,");
    expect(res.text).not.toMatch(/tsr_[A-Za-z0-9]{20,}/);
    const searched = rowsOf((await download(`/v1/licenses/${northLicense}/tokens/export?search=deploy`, north.people.tenant_admin)).text);
    expect(searched.length).toBe(1);
    expect(searched[0]).toContain("deploy bot");
    expect(res.text).not.toContain("south token");
  });

  it("answers 404 for another tenant's license and 422 for a malformed status, before any byte of CSV", async () => {
    const other = await download(`/v1/licenses/${southLicense}/tokens/export`, north.people.tenant_admin);
    expect(other.status).toBe(404);
    expect(other.text).not.toContain("south token");
    expect((await download(`/v1/licenses/${northLicense}/tokens/export?status=lost`, admin)).status).toBe(422);
    expect((await download(`/v1/licenses/${northLicense}/tokens/export?search=tsr_${"A".repeat(30)}`, admin)).status).toBe(422);
  });
});

describe("Tokens area export (GET /v1/tokens/export)", () => {
  it("applies the area's filters, neutralises formula cells and never holds another tenant's tokens", async () => {
    const own = await download(`/v1/tokens/export`, north.people.tenant_admin);
    expect(own.status).toBe(200);
    expect(String(own.headers["content-disposition"])).toContain("tessera-tokens-");
    expect(own.text).toContain(",'@SUM(1+1)*cmd,");
    expect(own.text).not.toMatch(/(^|,)@SUM/m);
    expect(own.text).not.toContain("south token");
    expect(rowsOf(own.text).length).toBe(2);
    const searched = rowsOf((await download(`/v1/tokens/export?search=deploy`, north.people.tenant_admin)).text);
    expect(searched.length).toBe(1);
    expect(searched[0]).toContain("deploy bot");
    const asked = await download(`/v1/tokens/export?tenantId=${south.tenant.id}`, north.people.tenant_admin);
    expect(asked.status).toBe(200);
    expect(rowsOf(asked.text)).toEqual([]);
    const south_ = rowsOf((await download(`/v1/tokens/export?licenseId=${southLicense}`, admin)).text);
    expect(south_.length).toBe(1);
    expect(south_[0]).toContain("south token");
  });

  it("refuses a whole token in the search, a cursor and a malformed expiry", async () => {
    expect((await download(`/v1/tokens/export?search=tsr_${"A".repeat(30)}`, admin)).status).toBe(422);
    expect((await download(`/v1/tokens/export?cursor=abc`, admin)).status).toBe(422);
    expect((await download(`/v1/tokens/export?expiresWithin=1y`, admin)).status).toBe(422);
  });
});

type ExportEvent = { action: string; outcome: string; actor: { type: string; id: string }; target: { type: string; id: string } | null; tenantId: string | null; sourceIp: string | null; data: Record<string, unknown> };

/** What one download left in the outbox (by its request id). */
async function eventsOf(requestId: unknown): Promise<ExportEvent[]> {
  const rows = await h.prisma.outboxEvent.findMany({ where: { payload: { path: ["requestId"], equals: String(requestId) } } });
  return rows.map((r) => r.payload as ExportEvent);
}
const browser = "198.51.100.23";
async function downloadFrom(path: string, who: SignedInPerson) {
  const res = await (await h.as("web")).json<string>("GET", path, undefined, { ...authorization(who), "x-tessera-client-ip": browser });
  return { status: res.status, text: String(res.body), events: await eventsOf(res.headers["x-request-id"]) };
}

describe("each export is audited when its download ends", () => {
  it("records the licenses export with who, from where, its filters and how many rows, complete", async () => {
    const res = await downloadFrom(`/v1/licenses/export?tenantId=${north.tenant.id}&status=active`, admin);
    expect(res.status).toBe(200);
    expect(res.events).toHaveLength(1);
    expect(res.events[0]).toMatchObject({ action: "license.export", outcome: "success", actor: { type: "user", id: admin.user.id }, target: null, tenantId: null, sourceIp: browser });
    expect(res.events[0]!.data).toEqual({ table: "licenses", format: "csv", filters: { tenantId: north.tenant.id, status: "active", sort: "createdAt", order: "desc" }, searched: false, rows: rowsOf(res.text).length, complete: true });
    expect(rowsOf(res.text).length).toBeGreaterThan(exportPageSize / 2);
  });

  it("keeps the search text out of the event, saying only that there was one", async () => {
    const res = await downloadFrom(`/v1/licenses/export?search=x-south`, admin);
    expect(res.events[0]!.data).toMatchObject({ filters: { sort: "createdAt", order: "desc" }, searched: true, rows: 1, complete: true });
    expect(JSON.stringify(res.events)).not.toContain("x-south");
  });

  it("records a tenant person's export in their tenant's log, the license's tokens with the license as target", async () => {
    const tenants = await downloadFrom(`/v1/tenants/export?kind=company`, north.people.tenant_member);
    expect(tenants.events).toEqual([expect.objectContaining({ action: "tenant.export", tenantId: north.tenant.id, data: expect.objectContaining({ table: "tenants", filters: { kind: "company" }, rows: 1, complete: true }) })]);
    const tokens = await downloadFrom(`/v1/licenses/${northLicense}/tokens/export?status=active`, admin);
    expect(tokens.events).toEqual([
      expect.objectContaining({ action: "token.export", target: { type: "license", id: northLicense }, tenantId: north.tenant.id, data: { table: "license-tokens", format: "csv", filters: { status: "active" }, searched: false, rows: 2, complete: true } }),
    ]);
    const area = await downloadFrom(`/v1/tokens/export?search=deploy`, north.people.tenant_admin);
    expect(area.events).toEqual([expect.objectContaining({ action: "token.export", target: null, tenantId: north.tenant.id, data: { table: "tokens", format: "csv", filters: {}, searched: true, rows: 1, complete: true } })]);
  });

  it("records nothing for an export refused before its first byte (another tenant's license, a bad filter, a wrong role)", async () => {
    for (const [path, who, status] of [
      [`/v1/licenses/${southLicense}/tokens/export`, north.people.tenant_admin, 404],
      [`/v1/licenses/export?status=bogus`, admin, 422],
      [`/v1/tokens/export?search=tsr_${"A".repeat(30)}`, admin, 422],
    ] as const) {
      const res = await downloadFrom(path, who);
      expect(res.status, path).toBe(status);
      expect(res.events.filter((e) => e.action.endsWith(".export")), path).toEqual([]);
    }
  });

  it("records a download the client left mid-stream as incomplete, with the rows handed over until then", async () => {
    const { default: Fastify } = await import("fastify");
    const http = await import("node:http");
    const { sendDownload } = await import("../../services/access/routes/send-download");
    const { exportAudit } = await import("../../services/access/domain/documents/audited-export");
    const deferred = <T>() => {
      let resolve!: (value: T) => void;
      return { promise: new Promise<T>((r) => (resolve = r)), resolve };
    };
    const clientGone = deferred<void>();
    const nextPage = deferred<void>();
    const audited = deferred<void>();
    // A source that holds its third page until the client is gone, so the end is not a race.
    async function* source() {
      yield { text: "Id\r\n", rows: 0 };
      yield { text: "a\r\nb\r\n", rows: 2 };
      await nextPage.promise;
      yield { text: "c\r\n", rows: 1 };
    }
    const ctx = { prisma: h.prisma } as unknown as Parameters<typeof exportAudit>[0];
    const actor = { userId: admin.user.id, email: admin.user.email, name: "Admin", role: "platform_admin" as const, tenantId: null };
    const app = Fastify();
    app.get("/x", async (request, reply) => {
      reply.raw.on("close", () => clientGone.resolve());
      const record = exportAudit(ctx, actor, { requestId: "req-cut-short", sourceIp: browser }, { action: "license.export", table: "licenses", format: "csv", filters: {} });
      return sendDownload(reply, { filename: "x.csv", contentType: "text/csv" }, source(), async (end) => {
        await record(end);
        audited.resolve();
      });
    });
    const address = await app.listen({ port: 0, host: "127.0.0.1" });
    try {
      const received = deferred<string>();
      const request = http.get(`${address}/x`, (res) => res.once("data", (chunk: Buffer) => received.resolve(chunk.toString())));
      request.on("error", () => undefined);
      expect(await received.promise).toContain("Id");
      request.destroy();
      await clientGone.promise;
      nextPage.resolve();
      await audited.promise;
      const [event] = await eventsOf("req-cut-short");
      expect(event).toMatchObject({ action: "license.export", outcome: "failure", data: { rows: 2, complete: false } });
    } finally {
      await app.close();
    }
  });
});
