// Issue 2's audit promise, end to end through the real endpoints: with the audit service down,
// sign-ins, failures and sign-outs still happen and are kept; when it returns, each arrives exactly once
// and the chain verifies.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { StoredEvent } from "../../contracts/audit-api";
import { startOutboxRelay, type OutboxRelay } from "../../services/access/outbox/relay";
import { issueSetupLinkIfNeeded } from "../../services/access/domain/setup/issue-setup-link";
import { openDatabase, type Database } from "../../services/common/db/open-database";
import { createMtlsClient } from "../../services/common/http/mtls-client";
import { startAccessService, type AccessHarness } from "../support/start-access-service";
import { startAuditService, type RunningAudit } from "../support/start-audit-service";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

let access: AccessHarness;
let auditDbInfo: TestDatabase;
let auditDb: Database;
let audit: RunningAudit;
let relay: OutboxRelay;
const chainKey = randomBytes(32);
const silent = { info() {}, warn() {}, error() {} };

beforeAll(async () => {
  access = await startAccessService("audit_signins");
  auditDbInfo = await createTestDatabase("audit_signins_log");
  auditDb = await openDatabase({ url: auditDbInfo.url, embeddedDir: auditDbInfo.embeddedDir });
  audit = await startAuditService({ pki: access.pki, connectionString: auditDb.connectionString, poolMax: auditDb.poolMax, chainKey });
  await access.pki.issue("operator");
  const auditClient = createMtlsClient(audit.url, await access.pki.client("access"));
  relay = startOutboxRelay({ prisma: access.prisma, auditClient, logger: silent, intervalMs: 100 });
});
afterAll(async () => {
  await relay?.stop();
  await audit?.app.close();
  await auditDb?.close();
  await auditDbInfo?.drop();
  await access?.close();
});

it("keeps every sign-in event while the audit service is down and delivers each exactly once", async () => {
  const web = await access.as("web");
  const link = await issueSetupLinkIfNeeded(access.ctx);
  const admin = { name: "Grace", email: "grace@example.org", password: "velvet compass thunder radish" };
  expect((await web.json("POST", "/v1/setup", { token: link!.url.split("/setup/")[1], ...admin })).status).toBe(201);
  await relay.flush();

  await audit.app.close(); // the audit service goes down
  const signIn = (password: string) => web.json<{ sessionToken: string }>("POST", "/v1/auth/sign-in", { email: admin.email, password }, { "x-tessera-client-ip": "192.0.2.10" });
  expect((await signIn("wrong password one!")).status).toBe(401);
  expect((await signIn("wrong password two!")).status).toBe(401);
  const ok = await signIn(admin.password);
  expect(ok.status).toBe(200);
  expect((await web.json("POST", "/v1/auth/sign-out", undefined, { authorization: `Bearer ${ok.body.sessionToken}` })).status).toBe(204);
  await relay.flush();
  const pending = await access.prisma.outboxEvent.findMany({ where: { deliveredAt: null } });
  expect(pending.length).toBe(4);

  audit = await startAuditService({ pki: access.pki, connectionString: auditDb.connectionString, poolMax: auditDb.poolMax, chainKey, port: audit.port });
  await expect.poll(async () => access.prisma.outboxEvent.count({ where: { deliveredAt: null } }), { timeout: 40_000, interval: 200 }).toBe(0);

  const operator = createMtlsClient(audit.url, await access.pki.client("operator"));
  const listed = await operator.json<{ events: StoredEvent[] }>("GET", "/v1/events?limit=200");
  const outboxIds = (await access.prisma.outboxEvent.findMany()).map((e) => e.id).sort();
  const auditIds = listed.body.events.map((e) => e.id);
  expect([...auditIds].sort()).toEqual(outboxIds);
  expect(new Set(auditIds).size).toBe(auditIds.length);
  const signIns = listed.body.events.filter((e) => e.action === "auth.sign_in").map((e) => `${e.outcome}:${e.sourceIp}`);
  expect(signIns.sort()).toEqual(["failure:192.0.2.10", "failure:192.0.2.10", "success:192.0.2.10"]);
  expect(listed.body.events.some((e) => e.action === "auth.sign_out")).toBe(true);
  expect((await operator.json("GET", "/v1/chain/verify")).body).toMatchObject({ ok: true, count: outboxIds.length, firstBrokenSeq: null });
  await operator.close();
});
