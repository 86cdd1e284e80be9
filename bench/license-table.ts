// Issue 3: the license table's server response time at 100 000 licenses. Seeds the rows with one
// INSERT … SELECT generate_series, then times GET /v1/licenses (as the web tier, kept-alive mTLS,
// one request in flight) for the shapes the table page sends: first page, a deep keyset page, each
// sort, filters, search, and a tenant admin's own-tenant view. Baseline: GET /v1/me, which pays the
// same mTLS + session check and nothing else, so the ratio shows what the list itself costs.
import { z } from "zod";
import { listLicensesResponse } from "../contracts/license-api";
import { createMtlsClient } from "../services/common/http/mtls-client";
import { createLicenseCatalogue, type LicenseCatalogue } from "../tests/support/license-fixtures";
import { createPlatformAdmin, createTenantWithPeople } from "../tests/support/tenant-fixtures";
import { startAccessService, type AccessHarness } from "../tests/support/start-access-service";
import { runSlice, summarize, type Timing } from "./lib/measure";
import type { BenchRow, BenchTable } from "./lib/table";

export const benchTenants = 1000;

/**
 * `count` licenses over `benchTenants` tenants, both components and tiers, mixed statuses and terms,
 * creation times one second apart. Keys are placeholders: these rows are for listing, not validating.
 */
export async function seedLicenses(h: AccessHarness, cat: LicenseCatalogue, count: number): Promise<void> {
  await h.prisma.$executeRawUnsafe(`
    INSERT INTO "tenants" ("id", "slug", "name", "kind", "created_at", "updated_at")
    SELECT 'ten_bench' || g, 'bench-' || g, 'Bench Tenant ' || lpad(g::text, 4, '0'), 'company', now(), now()
    FROM generate_series(1, ${benchTenants}) g`);
  await h.prisma.$executeRawUnsafe(
    `INSERT INTO "licenses" ("id", "tenant_id", "component_id", "tier_id", "seats", "starts_at", "ends_at", "status",
       "status_changed_at", "key_ciphertext", "key_digest", "holder_kind", "holder_name", "created_at", "updated_at")
     SELECT 'lic_bench' || lpad(g::text, 7, '0'),
            'ten_bench' || (g % ${benchTenants} + 1),
            CASE WHEN g % 2 = 0 THEN $1 ELSE $2 END,
            CASE WHEN g % 3 = 0 THEN $3 ELSE $4 END,
            5,
            now() - interval '1 day',
            now() + ((g % 730) - 30) * interval '1 day',
            (CASE WHEN g % 10 = 0 THEN 'suspended' WHEN g % 17 = 0 THEN 'revoked' ELSE 'active' END)::"LicenseStatus",
            now(), 'placeholder', 'bench-' || md5(g::text), 'person', 'holder-' || g, now() - g * interval '1 second', now()
     FROM generate_series(1, ${count}) g`,
    cat.reports.id,
    cat.etl.id,
    cat.basic.id,
    cat.pro.id,
  );
  await h.prisma.$executeRawUnsafe(`ANALYZE "tenants"; `);
  await h.prisma.$executeRawUnsafe(`ANALYZE "licenses"`);
}

const count = Number(process.env.BENCH_LICENSES ?? 100_000);
const me = z.object({ user: z.object({ id: z.string() }) });

export async function benchLicenseTable(timing: Timing): Promise<BenchTable> {
  const h = await startAccessService("bench_license_table");
  try {
    const cat = await createLicenseCatalogue(h, "bench");
    const seedStart = Date.now();
    await seedLicenses(h, cat, count);
    const seedMs = Date.now() - seedStart;
    const admin = await createPlatformAdmin(h);
    const tenant = await createTenantWithPeople(h, { slug: "bench-own" });
    // The tenant admin's tenant gets 100 of the rows, like a large customer.
    await h.prisma.$executeRawUnsafe(`UPDATE "licenses" SET "tenant_id" = $1 WHERE "id" IN (SELECT "id" FROM "licenses" ORDER BY "id" LIMIT 100)`, tenant.tenant.id);

    const client = createMtlsClient(h.url, await h.pki.client("web"), { connections: 4 });
    const get = (path: string, bearer: string) => async () => {
      const res = await client.json("GET", path, undefined, { authorization: `Bearer ${bearer}` });
      if (res.status !== 200) throw new Error(`${path} answered ${res.status}`);
      return res.body;
    };
    // A cursor half-way down the default sort, to show a deep page costs what the first does.
    const deep = listLicensesResponse.parse(await get(`/v1/licenses?limit=100`, admin.bearer)());
    let cursor = deep.nextCursor;
    for (let i = 0; i < 20 && cursor; i++) cursor = listLicensesResponse.parse(await get(`/v1/licenses?limit=100&cursor=${cursor}`, admin.bearer)()).nextCursor;

    const cases: [string, () => Promise<unknown>][] = [
      ["GET /v1/me (baseline: auth only)", async () => me.parse(await get("/v1/me", admin.bearer)())],
      ["first page (createdAt desc, 25)", get("/v1/licenses", admin.bearer)],
      ["page 21 via cursor (100 per page)", get(`/v1/licenses?limit=100&cursor=${cursor}`, admin.bearer)],
      ["sort=endsAt asc", get("/v1/licenses?sort=endsAt&order=asc", admin.bearer)],
      ["sort=tenant asc", get("/v1/licenses?sort=tenant&order=asc", admin.bearer)],
      ["sort=status asc", get("/v1/licenses?sort=status&order=asc", admin.bearer)],
      ["status=active", get("/v1/licenses?status=active", admin.bearer)],
      ["status=expired", get("/v1/licenses?status=expired", admin.bearer)],
      [`tierId filter`, get(`/v1/licenses?tierId=${cat.basic.id}`, admin.bearer)],
      ["search tenant name", get("/v1/licenses?search=Tenant%200042", admin.bearer)],
      ["search license id prefix", get("/v1/licenses?search=lic_bench00042", admin.bearer)],
      ["search component key", get("/v1/licenses?search=benchetl", admin.bearer)],
      ["tenant admin, own tenant (100)", get("/v1/licenses", tenant.people.tenant_admin.bearer)],
    ];
    const rows: BenchRow[] = [];
    let baseline = 0;
    for (const [name, task] of cases) {
      await runSlice(task, 1, timing.warmupMs);
      const samples = [];
      for (let r = 0; r < timing.rounds; r++) samples.push(await runSlice(task, 1, timing.measureMs / timing.rounds));
      const result = summarize(1, samples);
      if (!baseline) baseline = result.perSecond;
      rows.push({ case: name, result, ratio: rows.length === 0 ? null : result.perSecond / baseline });
    }
    await client.close();
    return {
      title: `License table: GET /v1/licenses at ${count.toLocaleString("en")} licenses (${h.testDb.kind}, service in this process, 1 in flight)`,
      note: `seeded in ${(seedMs / 1000).toFixed(1)} s; times are full round trips over kept-alive mTLS incl. session check and the total (exact up to 10 000, else the planner estimate); ratio = req/s over the /v1/me baseline`,
      rows,
    };
  } finally {
    await h.close();
  }
}
