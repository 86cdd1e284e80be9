// Migration 0004 of the audit database adds the console's actor and time columns; events stored before
// it get them from their MAC-covered JSON, the chain still verifies, and a changed copy is found.
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
import { openDatabase } from "../../services/common/db/open-database";
import { auditMigrationsDir } from "../support/start-audit-service";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

let testDb: TestDatabase | undefined;
afterAll(async () => testDb?.drop());

it("fills actor and time columns of events stored before migration 0004 and keeps the chain intact", async () => {
  testDb = await createTestDatabase("audit_log_backfill");
  const db = await openDatabase({ url: testDb.url, embeddedDir: testDb.embeddedDir });
  const early = await fs.mkdtemp(path.join(os.tmpdir(), "amig4-"));
  for (const name of ["0001_init", "0002_append_only", "0003_target_filter"]) await fs.cp(path.join(auditMigrationsDir, name), path.join(early, name), { recursive: true });
  await migrate(db.connectionString, early);

  const key = randomBytes(32);
  const byPerson = { id: randomUUID(), occurredAt: "2026-03-04T05:06:07.089Z", action: "license.revoke", outcome: "success" as const, actor: { type: "user" as const, id: "usr_1", label: null }, target: null, tenantId: "ten_a", sourceIp: null, requestId: null, data: {} };
  const byOperator = { ...byPerson, id: randomUUID(), occurredAt: "2026-03-04T05:06:08.000Z", actor: { type: "operator" as const, id: null, label: "tessera keys" } };
  const first = nextLink(key, null, byPerson, new Date());
  const second = nextLink(key, first, byOperator, new Date());
  const client = new pg.Client({ connectionString: db.connectionString });
  await client.connect();
  for (const l of [first, second]) {
    await client.query(
      `insert into audit_events (seq, id, action, tenant_id, canonical, received_at, prev_mac, mac) values ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [String(l.seq), l.id, l.action, l.tenantId, l.canonical, l.receivedAt, l.prevMac, l.mac],
    );
  }

  await migrate(db.connectionString, auditMigrationsDir);
  const { rows } = await client.query(`select seq, actor_id, occurred_at from audit_events order by seq`);
  expect(rows).toEqual([
    { seq: "1", actor_id: "usr_1", occurred_at: new Date("2026-03-04T05:06:07.089Z") },
    { seq: "2", actor_id: null, occurred_at: new Date("2026-03-04T05:06:08.000Z") },
  ]);
  await expect(client.query(`update audit_events set actor_id = 'usr_2' where seq = 1`)).rejects.toThrow(/append-only/);

  const prisma = createAuditPrisma(db.connectionString, db.poolMax);
  expect(await verifyChain(prisma, key)).toMatchObject({ ok: true, count: 2, firstBrokenSeq: null });
  // A copy changed behind the trigger (as a superuser could) no longer matches the event it copies.
  await client.query("SET session_replication_role = replica");
  await client.query(`update audit_events set actor_id = 'usr_2' where seq = 1`);
  expect(await verifyChain(prisma, key)).toMatchObject({ ok: false, firstBrokenSeq: 1 });
  await client.end();
  await prisma.$disconnect();
  await db.close();
  await fs.rm(early, { recursive: true, force: true });
});
