// The license table and the license timeline: keyset pages that visit every row exactly once in order
// for every sort, filters and search, cursors that cannot be forged into another sort, and the
// timeline read back from the real audit service (503 while it cannot be read).
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import type { licenseTimelineResponse, listLicensesResponse, LicenseRow } from "../../contracts/license-api";
import { startOutboxRelay, type OutboxRelay } from "../../services/access/outbox/relay";
import { openDatabase, type Database } from "../../services/common/db/open-database";
import { createMtlsClient } from "../../services/common/http/mtls-client";
import { createLicenseCatalogue, createLicenseViaApi, inDays, insertLicenseRow, type LicenseCatalogue } from "../support/license-fixtures";
import { authorization, createPlatformAdmin, createTenantWithPeople, fixturePassword, type SignedInPerson, type TenantWithPeople } from "../support/tenant-fixtures";
import { giveSecondFactor } from "../support/mfa-fixtures";
import { startAccessService, type AccessHarness } from "../support/start-access-service";
import { startAuditService, type RunningAudit } from "../support/start-audit-service";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

type List = z.infer<typeof listLicensesResponse>;
type Problem = { code: string; fieldErrors?: Record<string, string[]> };

let h: AccessHarness;
let admin: SignedInPerson;
let north: TenantWithPeople;
let south: TenantWithPeople;
let cat: LicenseCatalogue;
const all: string[] = [];

beforeAll(async () => {
  h = await startAccessService("licenses-list");
  admin = await createPlatformAdmin(h);
  north = await createTenantWithPeople(h, { slug: "northwind", name: "Northwind Traders" });
  south = await createTenantWithPeople(h, { slug: "south-district", name: "South Unified District", kind: "district" });
  cat = await createLicenseCatalogue(h);
  // 23 licenses over two tenants, mixed statuses, terms and tiers (rows inserted directly, each with a
  // holder of its own, so one live license per holder holds).
  const statuses = ["active", "active", "suspended", "revoked", "expired"] as const;
  for (let i = 0; i < 23; i++) {
    const tenant = i % 3 === 0 ? south : north;
    const row = await insertLicenseRow(h, {
      tenantId: tenant.tenant.id,
      componentId: i % 2 ? cat.reports.id : cat.etl.id,
      tierId: i % 2 ? cat.basic.id : cat.pro.id,
      status: statuses[i % statuses.length],
      endsAt: new Date(Date.now() + (i % 7 === 6 ? -1 : 1) * (i + 1) * 86_400_000),
    });
    all.push(row.id);
  }
});
afterAll(async () => h?.close());

const list = async (query: string, who: SignedInPerson = admin) => (await h.as("web")).json<List>("GET", `/v1/licenses?${query}`, undefined, authorization(who));

async function everyPage(query: string, who: SignedInPerson = admin): Promise<LicenseRow[]> {
  const rows: LicenseRow[] = [];
  let cursor: string | null = null;
  for (let pages = 0; pages < 50; pages++) {
    const res = await list(`${query}&limit=4${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`, who);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    rows.push(...res.body.licenses);
    cursor = res.body.nextCursor;
    if (!cursor) return rows;
  }
  throw new Error("pagination did not end");
}

const sortKey: Record<string, (r: LicenseRow) => string> = {
  createdAt: (r) => `${r.createdAt}|${r.id}`,
  endsAt: (r) => `${r.endsAt}|${r.id}`,
  tenant: (r) => `${r.tenant.name}|${r.tenant.id}|${r.id}`,
};

describe("license table", () => {
  for (const sort of ["createdAt", "endsAt", "tenant", "status"] as const) {
    for (const order of ["asc", "desc"] as const) {
      it(`pages through every license exactly once, sorted by ${sort} ${order}`, async () => {
        const rows = await everyPage(`sort=${sort}&order=${order}`);
        expect(rows.map((r) => r.id).sort()).toEqual([...all].sort());
        if (sortKey[sort]) {
          const keys = rows.map(sortKey[sort]);
          const sorted = [...keys].sort();
          expect(keys).toEqual(order === "asc" ? sorted : sorted.reverse());
        }
      });
    }
  }

  it("reports the total and filters by tenant, status, tier and component", async () => {
    const first = await list("limit=5");
    expect(first.body.total).toBe(23);
    expect(first.body.totalIsEstimate).toBe(false);
    expect(first.body.licenses).toHaveLength(5);
    const byTenant = await everyPage(`tenantId=${south.tenant.id}`);
    expect(byTenant.every((r) => r.tenant.id === south.tenant.id)).toBe(true);
    expect(byTenant).toHaveLength(8);
    for (const status of ["active", "suspended", "revoked", "expired"] as const) {
      const rows = await everyPage(`status=${status}`);
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.every((r) => r.status === status)).toBe(true);
    }
    const active = await everyPage("status=active");
    expect(active.every((r) => Date.parse(r.endsAt) > Date.now())).toBe(true);
    expect((await everyPage(`tierId=${cat.basic.id}`)).every((r) => r.tier.id === cat.basic.id)).toBe(true);
    expect((await everyPage(`componentId=${cat.etl.id}`)).every((r) => r.component.id === cat.etl.id)).toBe(true);
    const combined = await list(`tenantId=${north.tenant.id}&componentId=${cat.reports.id}&status=suspended`);
    expect(combined.body.licenses.every((r) => r.tenant.id === north.tenant.id && r.component.id === cat.reports.id && r.status === "suspended")).toBe(true);
    expect(combined.body.total).toBe(combined.body.licenses.length);
  });

  it("searches by license id prefix, tenant name or slug, and component key", async () => {
    const target = all[5];
    const byId = await list(`search=${encodeURIComponent(target.slice(0, 10))}`);
    expect(byId.body.licenses.map((r) => r.id)).toContain(target);
    expect(byId.body.licenses.every((r) => r.id.startsWith(target.slice(0, 10)))).toBe(true);
    expect((await everyPage("search=northwind")).every((r) => r.tenant.id === north.tenant.id)).toBe(true);
    expect((await everyPage("search=unified")).every((r) => r.tenant.id === south.tenant.id)).toBe(true);
    const byComponent = await everyPage(`search=${cat.etl.key}`);
    expect(byComponent.length).toBeGreaterThan(0);
    expect(byComponent.every((r) => r.component.key === cat.etl.key)).toBe(true);
    // LIKE wildcards are plain text: "%" and "_" match themselves only.
    expect((await list("search=%25")).body.total).toBe(0);
    expect((await list("search=_")).body.total).toBe(0);
  });

  it("shows a tenant's people only their own tenant's licenses, whatever the filters say", async () => {
    const rows = await everyPage(`tenantId=${south.tenant.id}`, north.people.tenant_member);
    expect(rows).toHaveLength(0);
    const own = await everyPage("", north.people.tenant_admin);
    expect(own.length).toBe(15);
    expect(own.every((r) => r.tenant.id === north.tenant.id)).toBe(true);
    expect((await list(`search=${encodeURIComponent(all[0].slice(0, 12))}`, north.people.tenant_member)).body.licenses.every((r) => r.tenant.id === north.tenant.id)).toBe(true);
  });

  it("refuses a forged cursor, a cursor of another sort, and bad query values with 422", async () => {
    const page = await list("limit=2&sort=endsAt&order=asc");
    const cursor = page.body.nextCursor ?? "";
    const bad = [
      `cursor=${encodeURIComponent(cursor)}&sort=createdAt`,
      `cursor=${encodeURIComponent(cursor)}&sort=endsAt&order=desc`,
      `cursor=not-base64-json`,
      `cursor=${Buffer.from(JSON.stringify({ s: "endsAt", o: "desc", k: ["yesterday", "lic_x"] })).toString("base64url")}&sort=endsAt`,
      `cursor=${Buffer.from(JSON.stringify({ s: "status", o: "desc", k: ["bogus", "2026-01-01T00:00:00Z", "lic_x"] })).toString("base64url")}&sort=status`,
      `cursor=${Buffer.from(JSON.stringify({ s: "endsAt", o: "desc", k: ["+275760-09-13T00:00:00.000Z", "lic_x"] })).toString("base64url")}&sort=endsAt`,
      `cursor=${Buffer.from(JSON.stringify({ s: "tenant", o: "desc", k: ["Name", "ten_x"] })).toString("base64url")}&sort=tenant`,
      "limit=0",
      "limit=101",
      "sort=name",
      "order=up",
      "status=deleted",
      `search=${"x".repeat(101)}`,
    ];
    for (const query of bad) {
      const res = await (await h.as("web")).json<Problem>("GET", `/v1/licenses?${query}`, undefined, authorization(admin));
      expect(res.status, query).toBe(422);
    }
  });
});

describe("large results", () => {
  it("counts exactly up to 10 000 matches and flags an estimate beyond", async () => {
    await h.prisma.$executeRawUnsafe(
      `INSERT INTO "licenses" ("id", "tenant_id", "component_id", "tier_id", "seats", "starts_at", "ends_at", "status", "key_ciphertext", "key_digest", "holder_kind", "holder_name", "updated_at")
       SELECT 'lic_many' || g, $1, $2, $3, 1, now(), now() + interval '1 year', 'active', 'x', 'many-' || g, 'person', 'many-' || g, now() FROM generate_series(1, 10050) g`,
      north.tenant.id,
      cat.reports.id,
      cat.basic.id,
    );
    await h.prisma.$executeRawUnsafe(`ANALYZE "licenses"`);
    try {
      const big = await list("limit=1");
      expect(big.body.totalIsEstimate).toBe(true);
      expect(big.body.total).toBeGreaterThan(10_000);
      const small = await list(`tenantId=${south.tenant.id}`);
      expect(small.body).toMatchObject({ total: 8, totalIsEstimate: false });
    } finally {
      await h.prisma.$executeRawUnsafe(`DELETE FROM "licenses" WHERE "id" LIKE 'lic\\_many%'`);
    }
    expect((await list("limit=1")).body).toMatchObject({ total: 23, totalIsEstimate: false });
  });
});

describe("timeline from the audit service", () => {
  let auditDbInfo: TestDatabase;
  let auditDb: Database;
  let audit: RunningAudit;
  let relay: OutboxRelay;
  const silent = { info() {}, warn() {}, error() {} };

  beforeAll(async () => {
    auditDbInfo = await createTestDatabase("licenses_timeline_audit");
    auditDb = await openDatabase({ url: auditDbInfo.url, embeddedDir: auditDbInfo.embeddedDir });
    audit = await startAuditService({ pki: h.pki, connectionString: auditDb.connectionString, poolMax: auditDb.poolMax, chainKey: randomBytes(32) });
    const auditClient = createMtlsClient(audit.url, await h.pki.client("access"));
    h.ctx.auditClient = auditClient;
    relay = startOutboxRelay({ prisma: h.prisma, auditClient, logger: silent, intervalMs: 100 });
  });
  afterAll(async () => {
    await relay?.stop();
    await audit?.app.close();
    await auditDb?.close();
    await auditDbInfo?.drop();
  });

  it("lists this license's events newest first, with from/to, and nothing of other licenses", async () => {
    const tenant = await createTenantWithPeople(h, { slug: "timeline" });
    await giveSecondFactor(h, tenant.people.tenant_admin);
    const l = await createLicenseViaApi(h, admin, { tenantId: tenant.tenant.id, componentId: cat.reports.id, tierId: cat.pro.id, endsAt: inDays(30) });
    const neighbour = await createLicenseViaApi(h, admin, { tenantId: tenant.tenant.id, componentId: cat.etl.id, tierId: cat.pro.id });
    const web = await h.as("web");
    await web.json("POST", `/v1/licenses/${l.id}/suspend`, undefined, authorization(admin));
    await web.json("POST", `/v1/licenses/${neighbour.id}/suspend`, undefined, authorization(admin));
    await web.json("POST", `/v1/licenses/${l.id}/reveal-key`, { password: fixturePassword }, authorization(tenant.people.tenant_admin));
    await relay.flush();
    const res = await web.json<z.infer<typeof licenseTimelineResponse>>("GET", `/v1/licenses/${l.id}/timeline`, undefined, authorization(tenant.people.tenant_member));
    expect(res.status).toBe(200);
    expect(res.body.events.map((e) => e.action)).toEqual(["license.key_reveal", "license.suspend", "license.create"]);
    expect(res.body.events[1].data).toMatchObject({ from: "active", to: "suspended" });
    expect(JSON.stringify(res.body)).not.toContain("tlk_");
  });

  it("says each event as a sentence with names, the person's name and the source address; details name tiers, not ids", async () => {
    const tenant = await createTenantWithPeople(h, { slug: "timeline-names" });
    const l = await createLicenseViaApi(h, admin, { tenantId: tenant.tenant.id, componentId: cat.reports.id, tierId: cat.pro.id, endsAt: inDays(30) });
    const web = await h.as("web");
    expect((await web.json("POST", `/v1/licenses/${l.id}/change-tier`, { tierId: cat.basic.id }, authorization(admin))).status).toBe(200);
    await relay.flush();
    const res = await web.json<z.infer<typeof licenseTimelineResponse>>("GET", `/v1/licenses/${l.id}/timeline`, undefined, authorization(tenant.people.tenant_member));
    const [change, create] = res.body.events;
    const tenantName = (await h.prisma.tenant.findUniqueOrThrow({ where: { id: tenant.tenant.id } })).name;
    const adminName = (await h.prisma.user.findUniqueOrThrow({ where: { id: admin.user.id } })).name;
    expect(change.sentence).toBe(`${adminName} changed the tier of license TREPORTS for ${tenantName} from tPro to tBasic`);
    expect(change.actor.name).toBe(adminName);
    expect(change.details).toContainEqual({ label: "Tier", from: { kind: "text", text: "tPro" }, to: { kind: "text", text: "tBasic" } });
    expect(change.details.map((d) => d.label)).not.toContain("Status"); // unchanged by a tier change
    expect(create.details).toContainEqual({ label: "Component", from: null, to: { kind: "text", text: "TREPORTS" } });
    expect(create.details).toContainEqual(expect.objectContaining({ label: "Ends", to: { kind: "time", at: expect.any(String) } }));
    expect(create).toHaveProperty("sourceIp");
    expect(JSON.stringify(res.body.events.map((e) => [e.sentence, e.details]))).not.toMatch(/tier_|cmp_/);
  });

  it("answers 503 unavailable while the audit service is down or not configured", async () => {
    const l = all[1];
    const saved = h.ctx.auditClient;
    h.ctx.auditClient = { json: () => Promise.reject(new Error("connection refused")) };
    const web = await h.as("web");
    const down = await web.json<Problem>("GET", `/v1/licenses/${l}/timeline`, undefined, authorization(admin));
    expect(down.status).toBe(503);
    expect(down.body.code).toBe("unavailable");
    h.ctx.auditClient = null;
    expect((await web.json("GET", `/v1/licenses/${l}/timeline`, undefined, authorization(admin))).status).toBe(503);
    h.ctx.auditClient = saved;
  });
});
