// The transactional outbox end to end: events commit with the access service's changes, survive the
// audit service being down, and reach it exactly once when it is back, in a chain that verifies.
import { randomBytes, randomUUID } from "node:crypto";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { StoredEvent } from "../../contracts/audit-api";
import { createPrisma, type AccessPrisma } from "../../services/access/db/prisma";
import type { AuditClient } from "../../services/access/outbox/deliver-batch";
import { recordEvent, type RecordableEvent } from "../../services/access/outbox/record-event";
import { startOutboxRelay, type RelayLogger } from "../../services/access/outbox/relay";
import { migrate } from "../../services/common/db/migrate";
import { openDatabase, type Database } from "../../services/common/db/open-database";
import { createMtlsClient } from "../../services/common/http/mtls-client";
import { startAuditService, type RunningAudit } from "../support/start-audit-service";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { createTestPki, type TestPki } from "../support/test-pki";

const accessMigrationsDir = path.resolve(import.meta.dirname, "../../prisma/access/migrations");
const chainKey = randomBytes(32);

let pki: TestPki;
let accessTestDb: TestDatabase;
let auditTestDb: TestDatabase;
let accessDb: Database;
let auditDb: Database;
let prisma: AccessPrisma;
let audit: RunningAudit | undefined;
let auditPort: number;
let accessClient: ReturnType<typeof createMtlsClient>;
let operatorClient: ReturnType<typeof createMtlsClient>;

beforeAll(async () => {
  pki = await createTestPki();
  accessTestDb = await createTestDatabase("outbox_access");
  auditTestDb = await createTestDatabase("outbox_audit");
  accessDb = await openDatabase({ url: accessTestDb.url, embeddedDir: accessTestDb.embeddedDir });
  auditDb = await openDatabase({ url: auditTestDb.url, embeddedDir: auditTestDb.embeddedDir });
  await migrate(accessDb.connectionString, accessMigrationsDir);
  prisma = createPrisma(accessDb.connectionString, accessDb.poolMax);
  await startAudit();
  auditPort = audit!.port;
  await pki.issue("access");
  await pki.issue("operator");
  accessClient = createMtlsClient(audit!.url, await pki.client("access"));
  operatorClient = createMtlsClient(audit!.url, await pki.client("operator"));
});
afterAll(async () => {
  await accessClient?.close();
  await operatorClient?.close();
  await audit?.app.close();
  await prisma?.$disconnect();
  await accessDb?.close();
  await auditDb?.close();
  await accessTestDb?.drop();
  await auditTestDb?.drop();
  await pki?.remove();
});

async function startAudit() {
  audit = await startAuditService({ pki, connectionString: auditDb.connectionString, poolMax: auditDb.poolMax, chainKey, port: auditPort });
}
async function stopAudit() {
  await audit?.app.close();
  audit = undefined;
}

function memoryLogger() {
  const lines: { level: string; message: string }[] = [];
  const at = (level: string) => (_details: object, message: string) => void lines.push({ level, message });
  const logger: RelayLogger = { info: at("info"), warn: at("warn"), error: at("error") };
  return { logger, lines };
}

function countingClient(inner: AuditClient) {
  const sent: string[] = [];
  const client: AuditClient = {
    json: async (method, path, body, headers) => {
      for (const e of (body as { events: { id: string }[] }).events) sent.push(e.id);
      return inner.json(method, path, body, headers);
    },
  };
  return { client, sent };
}

const event = (n: number, tenantId = "ten_outbox"): RecordableEvent => ({
  action: "license.revoke",
  outcome: "success",
  actor: { type: "user", id: "usr_1", label: "admin@example.com" },
  target: { type: "license", id: `lic_${n}` },
  tenantId,
  sourceIp: "192.0.2.20",
  requestId: `req-${n}`,
  data: { n },
});

async function storedIds(tenantId: string): Promise<string[]> {
  const ids: string[] = [];
  let beforeSeq: number | null = null;
  do {
    const query: string = `/v1/events?limit=200&tenantId=${tenantId}${beforeSeq ? `&beforeSeq=${beforeSeq}` : ""}`;
    const page = await operatorClient.json<{ events: StoredEvent[]; nextBeforeSeq: number | null }>("GET", query);
    ids.push(...page.body.events.map((e) => e.id));
    beforeSeq = page.body.nextBeforeSeq;
  } while (beforeSeq);
  return ids;
}

const pending = (ids: string[]) => prisma.outboxEvent.findMany({ where: { id: { in: ids }, deliveredAt: null } });

describe("outbox relay", () => {
  it("loses nothing while the audit service is down and delivers everything exactly once when it is back", async () => {
    await stopAudit();
    const committed: string[] = [];
    for (let i = 0; i < 20; i++) {
      // several events in one transaction alongside the change they describe
      const ids = await prisma.$transaction(async (tx) => [(await recordEvent(tx, event(i, "ten_down"))).id, (await recordEvent(tx, event(i + 100, "ten_down"))).id]);
      committed.push(...ids);
    }
    let rolledBack: string | undefined;
    await expect(
      prisma.$transaction(async (tx) => {
        rolledBack = (await recordEvent(tx, event(999, "ten_down"))).id;
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    let beforeMalformed: string | undefined;
    await expect(
      prisma.$transaction(async (tx) => {
        beforeMalformed = (await recordEvent(tx, event(998, "ten_down"))).id;
        await recordEvent(tx, { ...event(997), action: "not an action" });
      }),
    ).rejects.toThrow(/malformed/);
    expect(await prisma.outboxEvent.count({ where: { id: { in: [rolledBack!, beforeMalformed!] } } })).toBe(0);

    const { logger, lines } = memoryLogger();
    const relay = startOutboxRelay({ prisma, auditClient: accessClient, logger, intervalMs: 50 });
    try {
      expect(await relay.flush()).toBe(0);
      // the background loop keeps trying, backing off, and keeps every event
      await expect.poll(async () => Math.min(...(await pending(committed)).map((r) => r.attempts)), { timeout: 8000, interval: 200 }).toBeGreaterThanOrEqual(3);
      const stillPending = await pending(committed);
      expect(stillPending).toHaveLength(committed.length);
      expect(stillPending[0].lastError).toMatch(/audit unreachable/);
      expect(lines.filter((l) => l.level === "warn").map((l) => l.message)).toContain("audit service unavailable; audit events stay in the outbox");

      await startAudit();
      await relay.flush();
      expect(await pending(committed)).toHaveLength(0);
    } finally {
      await relay.stop();
    }
    const stored = await storedIds("ten_down");
    expect(stored).toHaveLength(committed.length);
    expect(new Set(stored)).toEqual(new Set(committed));
    expect(stored).not.toContain(rolledBack);
    expect((await operatorClient.json("GET", "/v1/chain/verify")).body).toMatchObject({ ok: true, firstBrokenSeq: null });
  });

  it("never sends an event twice when several access processes relay at once", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 450; i += 50) {
      await prisma.$transaction(async (tx) => {
        for (let j = i; j < i + 50; j++) ids.push((await recordEvent(tx, event(j, "ten_many"))).id);
      });
    }
    const counted = countingClient(accessClient);
    const relays = [1, 2, 3].map(() => startOutboxRelay({ prisma, auditClient: counted.client, logger: memoryLogger().logger, intervalMs: 10 }));
    try {
      await Promise.all(relays.map((r) => r.flush()));
      await expect.poll(async () => (await pending(ids)).length, { timeout: 10_000 }).toBe(0);
    } finally {
      await Promise.all(relays.map((r) => r.stop()));
    }
    expect(counted.sent.filter((id) => ids.includes(id)).sort()).toEqual([...ids].sort());
    expect((await storedIds("ten_many")).sort()).toEqual([...ids].sort());
  });

  it("keeps a malformed outbox row pending with its error without holding back the others", async () => {
    const poison = randomUUID();
    await prisma.outboxEvent.create({ data: { id: poison, payload: { id: poison, action: "broken" } } });
    const good = await prisma.$transaction(async (tx) => Promise.all([1, 2, 3].map((n) => recordEvent(tx, event(n, "ten_poison")))));
    const relay = startOutboxRelay({ prisma, auditClient: accessClient, logger: memoryLogger().logger, intervalMs: 60_000 });
    try {
      await relay.flush();
    } finally {
      await relay.stop();
    }
    expect((await storedIds("ten_poison")).sort()).toEqual(good.map((e) => e.id).sort());
    const row = await prisma.outboxEvent.findUniqueOrThrow({ where: { id: poison } });
    expect(row.deliveredAt).toBeNull();
    expect(row.attempts).toBeGreaterThanOrEqual(1);
    expect(row.lastError).toMatch(/audit answered 422/);
    // it sits in the outbox for an operator; clear it so later runs start clean
    await prisma.outboxEvent.delete({ where: { id: poison } });
  });
});
