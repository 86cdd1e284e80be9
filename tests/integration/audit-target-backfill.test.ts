// Migration 0003 of the audit database adds target filter columns; events stored before it get them
// from their MAC-covered JSON, and the chain still verifies afterwards.
import { randomBytes, randomUUID } from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, expect, it } from "vitest";
import { nextLink } from "../../services/audit/domain/chain/next-link";
import { verifyChain } from "../../services/audit/domain/chain/verify-chain";
import { createAuditPrisma } from "../../services/audit/db/prisma";
import { migrate } from "../../services/common/db/migrate";
import { auditMigrationsDir } from "../support/start-audit-service";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { openDatabase } from "../../services/common/db/open-database";

let testDb: TestDatabase | undefined;
afterAll(async () => testDb?.drop());

it("fills target columns of events stored before migration 0003 and keeps the chain intact", async () => {
  testDb = await createTestDatabase("audit_backfill");
  const db = await openDatabase({ url: testDb.url, embeddedDir: testDb.embeddedDir });
  const early = await fs.mkdtemp(path.join(os.tmpdir(), "amig-"));
  for (const name of ["0001_init", "0002_append_only"]) await fs.cp(path.join(auditMigrationsDir, name), path.join(early, name), { recursive: true });
  await migrate(db.connectionString, early);

  const key = randomBytes(32);
  const withTarget = { id: randomUUID(), occurredAt: new Date().toISOString(), action: "license.revoke", outcome: "success" as const, actor: { type: "user" as const, id: "usr_1", label: null }, target: { type: "license", id: "lic_7" }, tenantId: "ten_a", sourceIp: null, requestId: null, data: {} };
  const withoutTarget = { ...withTarget, id: randomUUID(), action: "auth.sign_in", target: null };
  const first = nextLink(key, null, withTarget, new Date());
  const second = nextLink(key, first, withoutTarget, new Date());
  const client = new pg.Client({ connectionString: db.connectionString });
  await client.connect();
  for (const l of [first, second]) {
    await client.query(
      `insert into audit_events (seq, id, action, tenant_id, canonical, received_at, prev_mac, mac) values ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [String(l.seq), l.id, l.action, l.tenantId, l.canonical, l.receivedAt, l.prevMac, l.mac],
    );
  }

  await migrate(db.connectionString, auditMigrationsDir);
  const { rows } = await client.query(`select seq, target_type, target_id from audit_events order by seq`);
  expect(rows).toEqual([
    { seq: "1", target_type: "license", target_id: "lic_7" },
    { seq: "2", target_type: null, target_id: null },
  ]);
  // the table is append-only again after the backfill
  await expect(client.query(`update audit_events set action = 'x' where seq = 1`)).rejects.toThrow(/append-only/);
  await client.end();

  const prisma = createAuditPrisma(db.connectionString, db.poolMax);
  expect(await verifyChain(prisma, key)).toMatchObject({ ok: true, count: 2, firstBrokenSeq: null });
  await prisma.$disconnect();
  await db.close();
  await fs.rm(early, { recursive: true, force: true });
});
