// The audit service over real mTLS and a real PostgreSQL: appends are chained, idempotent and
// validated, only the access service may write (every other identity is refused, and the refusal is chained
// as an authz.refuse event of the audit service's own), and tampering with a stored row is found at its seq.
import { randomBytes, randomUUID } from "node:crypto";
import pg from "pg";
import { request } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AuditEvent, StoredEvent } from "../../contracts/audit-api";
import { openDatabase, type Database } from "../../services/common/db/open-database";
import { createMtlsClient } from "../../services/common/http/mtls-client";
import { startAuditService, type RunningAudit } from "../support/start-audit-service";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { createTestPki, type TestPki } from "../support/test-pki";

let pki: TestPki;
let testDb: TestDatabase;
let db: Database;
let audit: RunningAudit;
const chainKey = randomBytes(32);
const clients: ReturnType<typeof createMtlsClient>[] = [];

beforeAll(async () => {
  pki = await createTestPki();
  testDb = await createTestDatabase("audit_service");
  db = await openDatabase({ url: testDb.url, embeddedDir: testDb.embeddedDir });
  audit = await startAuditService({ pki, connectionString: db.connectionString, poolMax: db.poolMax, chainKey });
  for (const identity of ["access", "web", "operator", "probe"]) await pki.issue(identity);
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await audit?.app.close();
  await db?.close();
  await testDb?.drop();
  await pki?.remove();
});

async function as(identity: string, url = audit.url) {
  const client = createMtlsClient(url, await pki.client(identity));
  clients.push(client);
  return client;
}

function event(overrides: Partial<AuditEvent> = {}): AuditEvent {
  return {
    id: randomUUID(),
    occurredAt: new Date().toISOString(),
    action: "license.revoke",
    outcome: "success",
    actor: { type: "user", id: "usr_1", label: "admin@example.com" },
    target: { type: "license", id: "lic_1" },
    tenantId: "ten_a",
    sourceIp: "192.0.2.10",
    requestId: "req-1",
    data: { reason: "fraud" },
    ...overrides,
  };
}

type Listing = { events: StoredEvent[]; nextBeforeSeq: number | null };
type Problem = { code: string; status: number; fieldErrors?: Record<string, string[]> };

async function storedCount(): Promise<number> {
  const res = await (await as("operator")).json<{ count: number }>("GET", "/v1/chain/verify");
  return res.body.count;
}

describe("audit service", () => {
  const first = [event({ tenantId: "ten_a" }), event({ tenantId: "ten_b", action: "token.create", target: { type: "token", id: "tok_9" } }), event({ tenantId: "ten_a", data: { z: 1, a: [1, { y: 2, b: 3 }] } })];

  it("appends events from access and lists them newest first, as they were sent", async () => {
    const access = await as("access");
    expect((await access.json("POST", "/v1/events", { events: first })).body).toEqual({ stored: 3, duplicates: 0 });

    const list = await (await as("operator")).json<Listing>("GET", "/v1/events");
    expect(list.status).toBe(200);
    expect(list.body.events.map((e) => e.seq)).toEqual([3, 2, 1]);
    expect(list.body.events.map(({ seq: _s, receivedAt: _r, mac: _m, ...e }) => e)).toEqual([...first].reverse());
    expect(list.body.events[0].mac).toMatch(/^[0-9a-f]{64}$/);
    expect(list.body.nextBeforeSeq).toBeNull();
  });

  it("filters by tenant, action and target and pages with beforeSeq", async () => {
    const web = await as("access");
    const byTenant = await web.json<Listing>("GET", "/v1/events?tenantId=ten_a");
    expect(byTenant.body.events.map((e) => e.id)).toEqual([first[2].id, first[0].id]);
    const byAction = await web.json<Listing>("GET", "/v1/events?action=token.create");
    expect(byAction.body.events.map((e) => e.id)).toEqual([first[1].id]);
    const byTarget = await web.json<Listing>("GET", "/v1/events?targetType=license&targetId=lic_1");
    expect(byTarget.body.events.map((e) => e.id)).toEqual([first[2].id, first[0].id]);
    expect((await web.json<Listing>("GET", "/v1/events?targetType=license&targetId=lic_2")).body.events).toEqual([]);

    const page1 = await web.json<Listing>("GET", "/v1/events?limit=2");
    expect(page1.body.events.map((e) => e.seq)).toEqual([3, 2]);
    expect(page1.body.nextBeforeSeq).toBe(2);
    const page2 = await web.json<Listing>("GET", `/v1/events?limit=2&beforeSeq=${page1.body.nextBeforeSeq}`);
    expect(page2.body).toMatchObject({ events: [{ seq: 1 }], nextBeforeSeq: null });
  });

  it("counts repeated events as duplicates, without error and without re-chaining them", async () => {
    const web = await as("access");
    const fresh = event({ action: "auth.sign_in" });
    const upper = { ...first[0], id: first[0].id.toUpperCase() };
    const res = await web.json("POST", "/v1/events", { events: [...first, upper, fresh, fresh] });
    expect(res).toMatchObject({ status: 200, body: { stored: 1, duplicates: 5 } });
    const reader = await as("access");
    const list = await reader.json<Listing>("GET", "/v1/events?limit=10");
    expect(list.body.events.map((e) => e.seq)).toEqual([4, 3, 2, 1]);
    expect(list.body.events[0].id).toBe(fresh.id);
    expect((await reader.json("GET", "/v1/chain/verify")).body).toEqual({ ok: true, count: 4, firstBrokenSeq: null });
  });

  it("refuses writes from every identity but access, and reads from unknown ones, with 403 problem+json, each refusal chained", async () => {
    const before = await storedCount();
    for (const identity of ["operator", "web", "probe"]) {
      const write = await (await as(identity)).json<Problem>("POST", "/v1/events", { events: [event({ action: "license.revoke", tenantId: "ten_other" })] });
      expect(write.status, identity).toBe(403);
      expect(write.body.code).toBe("forbidden");
    }
    const read = await (await as("probe")).json<Problem>("GET", "/v1/events");
    expect(read.status).toBe(403);
    // the web tier reads audit data only through the access service, which scopes it by tenant
    expect((await (await as("web")).json<Problem>("GET", "/v1/events")).status).toBe(403);
    const refusals = (await (await as("operator")).json<Listing>("GET", "/v1/events?action=authz.refuse")).body.events;
    expect(refusals.map((e) => [e.actor.id, e.target?.id]).reverse()).toEqual([
      ["operator", "POST /v1/events"], ["web", "POST /v1/events"], ["probe", "POST /v1/events"], ["probe", "GET /v1/events"], ["web", "GET /v1/events"],
    ]);
    expect(await storedCount()).toBe(before + refusals.length); // and nothing else
    expect((await (await as("operator")).json<Listing>("GET", "/v1/events?tenantId=ten_other")).body.events).toEqual([]);
  });

  it("refuses a connection without a client certificate", async () => {
    const bare = createMtlsClient(audit.url, { ca: (await pki.client("web")).ca } as never);
    clients.push(bare);
    await expect(bare.json("GET", "/v1/events")).rejects.toThrow();
  });

  it("answers malformed bodies with 4xx problem+json and stores nothing", async () => {
    const before = await storedCount();
    const access = await as("access");
    const raw = async (body: string, contentType: string) => {
      const res = await request(new URL("/v1/events", audit.url), { method: "POST", dispatcher: access.agent, headers: { "content-type": contentType }, body });
      return { status: res.statusCode, type: res.headers["content-type"], body: (await res.body.json()) as Problem };
    };
    const notJson = await raw("{events: nope", "application/json");
    expect(notJson.status).toBe(400);
    expect(notJson.type).toContain("application/problem+json");
    expect((await raw("<events/>", "application/xml")).status).toBe(415);
    expect((await raw("events", "text/plain")).status).toBe(422);

    const missing = await access.json<Problem>("POST", "/v1/events", { events: [{ id: randomUUID(), action: "license.revoke" }] });
    expect(missing.status).toBe(422);
    expect(Object.keys(missing.body.fieldErrors ?? {})).toEqual(expect.arrayContaining(["events.0.occurredAt", "events.0.outcome", "events.0.actor"]));

    const badAction = await access.json<Problem>("POST", "/v1/events", { events: [event(), event({ action: "Revoke License" })] });
    expect(badAction.status).toBe(422);
    expect(badAction.body.fieldErrors).toHaveProperty(["events.1.action"]);

    const tooMany = await access.json<Problem>("POST", "/v1/events", { events: Array.from({ length: 501 }, () => event()) });
    expect(tooMany.status).toBe(422);
    expect(tooMany.body.fieldErrors).toHaveProperty(["events"]);

    expect((await access.json<Problem>("POST", "/v1/events", {})).status).toBe(422);
    expect((await access.json<Problem>("POST", "/v1/events", { events: [] })).status).toBe(422);
    expect((await access.json<Problem>("GET", "/v1/events?limit=0")).status).toBe(422);
    expect(await storedCount()).toBe(before);
  });

  it("keeps one linear chain when two audit processes take concurrent appends on one database", async () => {
    const second = await startAuditService({ pki, connectionString: db.connectionString, poolMax: db.poolMax, chainKey });
    try {
      const before = await storedCount();
      const writers = [await as("access"), await as("access"), await as("access", second.url), await as("access", second.url)];
      const batches = Array.from({ length: 12 }, (_, i) => Array.from({ length: 5 }, () => event({ requestId: `burst-${i}` })));
      const results = await Promise.all(batches.map((events, i) => writers[i % writers.length].json<{ stored: number }>("POST", "/v1/events", { events })));
      expect(results.every((r) => r.status === 200 && r.body.stored === 5)).toBe(true);
      expect((await (await as("operator", second.url)).json("GET", "/v1/chain/verify")).body).toEqual({ ok: true, count: before + 60, firstBrokenSeq: null });
    } finally {
      await second.app.close();
    }
  });

  it("refuses UPDATE and DELETE in the database, and verification finds a row tampered behind the trigger", async () => {
    const sql = new pg.Client({ connectionString: db.connectionString });
    await sql.connect();
    try {
      await expect(sql.query(`UPDATE "audit_events" SET "canonical" = '{}' WHERE "seq" = 2`)).rejects.toThrow(/append-only/);
      await expect(sql.query(`DELETE FROM "audit_events" WHERE "seq" = 2`)).rejects.toThrow(/append-only/);
      await expect(sql.query(`TRUNCATE "audit_events"`)).rejects.toThrow(/append-only/);
      const operator = await as("operator");
      const count = await storedCount();
      expect((await operator.json("GET", "/v1/chain/verify")).body).toEqual({ ok: true, count, firstBrokenSeq: null });

      // A database superuser can still get past the trigger; the chain is what catches it.
      await sql.query(`ALTER TABLE "audit_events" DISABLE TRIGGER "audit_events_append_only"`);
      await sql.query(`UPDATE "audit_events" SET "canonical" = replace("canonical", '"outcome":"success"', '"outcome":"failure"') WHERE "seq" = 3`);
      await sql.query(`ALTER TABLE "audit_events" ENABLE TRIGGER "audit_events_append_only"`);
      expect((await operator.json("GET", "/v1/chain/verify")).body).toEqual({ ok: false, count, firstBrokenSeq: 3 });
    } finally {
      await sql.end();
    }
  });
});
