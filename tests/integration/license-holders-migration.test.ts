// Migration 0016 on a database that has licenses from before holders: each becomes the whole tenant's
// (a site named by the tenant's slug), an overdue license that would share its holder with a live one is
// expired, and from then on the database itself refuses a second live license for one holder.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrate } from "../../services/common/db/migrate";
import { openDatabase, type Database } from "../../services/common/db/open-database";
import { accessMigrations } from "../support/start-access-service";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

const before = fs.mkdtempSync(path.join(os.tmpdir(), "mig-before-"));
let testDb: TestDatabase;
let database: Database;
let client: pg.Client;

beforeAll(async () => {
  // The migrations as they were before holders.
  for (const name of fs.readdirSync(accessMigrations).filter((n) => n < "0016")) fs.cpSync(path.join(accessMigrations, name), path.join(before, name), { recursive: true });
  testDb = await createTestDatabase("holdersmig");
  database = await openDatabase({ url: testDb.url, embeddedDir: testDb.embeddedDir });
  await migrate(database.connectionString, before);
  client = new pg.Client({ connectionString: database.connectionString });
  await client.connect();
});
afterAll(async () => {
  await client?.end();
  await database?.close();
  await testDb?.drop();
  fs.rmSync(before, { recursive: true, force: true });
});

describe("migration 0016 (license holders)", () => {
  it("gives existing licenses the tenant-wide holder, expires an overdue twin, and then enforces one live license per holder", async () => {
    await client.query(`
      INSERT INTO "tenants" ("id", "slug", "name", "kind", "updated_at") VALUES ('ten_m1', 'lakeside', 'Lakeside', 'company', now());
      INSERT INTO "components" ("id", "key", "name") VALUES ('cmp_m1', 'reports', 'Reporting');
      INSERT INTO "service_tiers" ("id", "key", "name", "seats", "tokens_per_license", "requests_per_minute", "token_default_ttl_hours", "token_max_ttl_hours", "updated_at")
        VALUES ('tier_m1', 'basic', 'Basic', 5, 5, 60, 24, 720, now());
      INSERT INTO "licenses" ("id", "tenant_id", "component_id", "tier_id", "seats", "starts_at", "ends_at", "status", "key_ciphertext", "key_digest", "updated_at") VALUES
        ('lic_live', 'ten_m1', 'cmp_m1', 'tier_m1', 5, now() - interval '10 days', now() + interval '30 days', 'active', 'x', 'd1', now()),
        ('lic_overdue', 'ten_m1', 'cmp_m1', 'tier_m1', 5, now() - interval '90 days', now() - interval '1 day', 'suspended', 'x', 'd2', now()),
        ('lic_revoked', 'ten_m1', 'cmp_m1', 'tier_m1', 5, now() - interval '90 days', now() + interval '30 days', 'revoked', 'x', 'd3', now());`);
    expect((await migrate(database.connectionString, accessMigrations)).applied).toContain("0016_license_holders");

    const { rows } = await client.query(`SELECT "id", "holder_kind", "holder_name", "status" FROM "licenses" ORDER BY "id"`);
    expect(rows).toEqual([
      { id: "lic_live", holder_kind: "site", holder_name: "lakeside", status: "active" },
      { id: "lic_overdue", holder_kind: "site", holder_name: "lakeside", status: "expired" },
      { id: "lic_revoked", holder_kind: "site", holder_name: "lakeside", status: "revoked" },
    ]);
    const insert = (id: string, holder: string) =>
      client.query(`INSERT INTO "licenses" ("id", "tenant_id", "component_id", "tier_id", "seats", "starts_at", "ends_at", "status", "key_ciphertext", "key_digest", "holder_kind", "holder_name", "updated_at")
        VALUES ($1, 'ten_m1', 'cmp_m1', 'tier_m1', 5, now(), now() + interval '30 days', 'suspended', 'x', $1, 'site', $2, now())`, [id, holder]);
    await expect(insert("lic_twin", "lakeside")).rejects.toThrow(/licenses_one_live_per_holder/);
    await insert("lic_other", "annex");
  });
});
