// The security plan's endpoints against the real access and audit services: reading for compliance
// readers, running checks and signing off the access review for platform administrators only; each result
// kept as the latest and audited; the throttle check really meets the throttle and leaves nothing behind;
// the access review fails again once something privileged is added after a sign-off; bad input changes nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CheckResult, SecurityPlanResponse } from "../../contracts/security-plan";
import type { SelfCheckSetup } from "../../services/access/domain/security-plan/run-self-checks";
import { createMtlsClient } from "../../services/common/http/mtls-client";
import { startOutboxRelay } from "../../services/access/outbox/relay";
import { auditEvents } from "../support/catalogue-fixtures";
import pg from "pg";
import { startSelfCheckSchedule } from "../../services/access/domain/security-plan/self-check-schedule";
import { openDatabase } from "../../services/common/db/open-database";
import { startAccessService, type AccessHarness } from "../support/start-access-service";
import { startAuditService, type RunningAudit } from "../support/start-audit-service";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { randomBytes } from "node:crypto";
import { authorization, createPlatformAdmin, createTenantWithPeople, type SignedInPerson, type TenantWithPeople } from "../support/tenant-fixtures";

let both: { access: AccessHarness; audit: RunningAudit };
let auditDbInfo: TestDatabase;
let closeAuditDb: () => Promise<void>;
let admin: SignedInPerson;
let district: TenantWithPeople;
let relay: { flush(): Promise<unknown>; stop(): Promise<void> };
const silent = { info() {}, warn() {}, error() {} };

beforeAll(async () => {
  const access = await startAccessService("security_plan");
  auditDbInfo = await createTestDatabase("security_plan_audit");
  const auditDb = await openDatabase({ url: auditDbInfo.url, embeddedDir: auditDbInfo.embeddedDir });
  closeAuditDb = () => auditDb.close();
  const audit = await startAuditService({ pki: access.pki, connectionString: auditDb.connectionString, poolMax: auditDb.poolMax, chainKey: randomBytes(32) });
  await access.pki.issueOne("web", "client");
  both = { access, audit };
  const a = both.access;
  const auditClient = createMtlsClient(both.audit.url, await a.pki.client("access"));
  a.ctx.auditClient = auditClient;
  relay = startOutboxRelay({ prisma: a.prisma, auditClient, logger: silent, intervalMs: 100 });
  const clientTls = a.pki.tlsFiles("access", "client");
  const setup: SelfCheckSetup = {
    ownDatabase: { databaseUrl: a.testDb.url ?? undefined, embeddedDir: a.testDb.embeddedDir },
    targets: [],
    tls: { services: [{ name: "access", url: a.url }, { name: "audit", url: both.audit.url }], caFile: clientTls.caFile, certFile: clientTls.certFile, keyFile: clientTls.keyFile, crlFile: clientTls.crlFile },
    keys: { keysDir: a.ctx.keysDir, keyring: a.ctx.keyring, keyringFile: null, secretDigestKeyFile: `${a.ctx.keysDir}/secret-digest.key`, tlsKeyFiles: [clientTls.keyFile] },
    webTier: null,
  };
  a.ctx.selfCheck = setup;
  admin = await createPlatformAdmin(a);
  district = await createTenantWithPeople(a, { slug: "plan-district", kind: "district" });
});
afterAll(async () => {
  await relay?.stop();
  await both?.audit.app.close();
  await closeAuditDb?.();
  await auditDbInfo?.drop();
  await both?.access.close();
});

const call = async <T = unknown>(method: "GET" | "POST", url: string, person: SignedInPerson, body?: unknown) => (await both.access.as("web")).json<T>(method, url, body, authorization(person));
const run = (id: string, person: SignedInPerson = admin) => call<CheckResult & { code?: string }>("POST", `/v1/security-plan/checks/${id}/run`, person);

describe("who may do what", () => {
  it("compliance readers read the plan; only platform admins run checks or sign off the review", async () => {
    const reviewer = district.people.district_reviewer;
    expect((await call("GET", "/v1/security-plan", reviewer)).status).toBe(200);
    expect((await call("GET", "/v1/security-plan", district.people.tenant_admin)).status).toBe(200);
    expect((await call("GET", "/v1/security-plan", district.people.tenant_member)).status).toBe(403);
    for (const person of [reviewer, district.people.tenant_admin, district.people.tenant_member]) {
      expect((await run("passwords.policy", person)).status).toBe(403);
      expect((await call("POST", "/v1/security-plan/access-review", person, { note: "" })).status).toBe(403);
    }
    expect(await both.access.prisma.securityCheckResult.count()).toBe(0);
    expect(await both.access.prisma.accessReview.count()).toBe(0);
  });

  it("answers an unknown check as not found and a malformed sign-off with a field error, changing nothing", async () => {
    expect((await run("no-such-check")).status).toBe(404);
    const bad = await call<{ fieldErrors: Record<string, string[]> }>("POST", "/v1/security-plan/access-review", admin, { note: "x".repeat(1001) });
    expect(bad.status).toBe(422);
    expect(bad.body.fieldErrors.note).toEqual(["Use at most 1000 characters."]);
    expect((await call("POST", "/v1/security-plan/access-review", admin, { note: 5 })).status).toBe(422);
    expect(await both.access.prisma.accessReview.count()).toBe(0);
  });

  it("refuses a check this service cannot see (the web tier's environment) with a sentence", async () => {
    const res = await run("web-tier.no-secrets");
    expect(res.status).toBe(409);
  });
});

describe("the checks through the service", () => {
  it("flags this machine's PostgreSQL, which trusts the test user, and keeps and audits the result", async () => {
    const res = await run("credentials.own-database");
    expect(res.status).toBe(200);
    expect(res.body.result).toBe("fail");
    expect(res.body.sentence).toMatch(/without a password \(trust authentication\)/);
    const plan = await call<SecurityPlanResponse>("GET", "/v1/security-plan", district.people.district_reviewer);
    expect(plan.body.results.find((r) => r.checkId === "credentials.own-database")?.result).toBe("fail");
    const [event] = await auditEvents(both.access, "security_plan.check");
    expect(event).toMatchObject({ target: { type: "self-check", id: "credentials.own-database" }, actor: { type: "user", id: admin.user.id }, data: { result: "fail" } });
  });

  it("stops a brute-force run against sign-in and leaves no counter or account behind", async () => {
    const users = await both.access.prisma.user.count();
    const res = await run("sign-in.throttle");
    expect(res.body.result, res.body.sentence).toBe("pass");
    expect(res.body.evidence).toMatchObject({ refusedAtAttempt: 11, attemptsAllowedBeforeRefusal: 10 });
    expect(await both.access.prisma.rateLimit.count({ where: { key: { contains: "selfcheck.invalid" } } })).toBe(0);
    expect(await both.access.prisma.user.count()).toBe(users);
  });

  it("sees TLS 1.3 and short-lived certificates on both services, and a current revocation list", async () => {
    const res = await run("tls.services");
    expect(res.body.result, res.body.sentence).toBe("pass");
    const services = res.body.evidence.services as { service: string; protocol: string }[];
    expect(services.map((s) => [s.service, s.protocol])).toEqual([["access", "TLSv1.3"], ["audit", "TLSv1.3"]]);
  });

  it("verifies the audit chain up to its signed checkpoint through the audit service", async () => {
    await relay.flush();
    await (both.audit.app as unknown as { checkpointWriter: { flush(): Promise<void> } }).checkpointWriter.flush();
    const res = await run("audit.chain");
    expect(res.body.result, res.body.sentence).toBe("pass");
    expect(res.body.evidence.chain).toMatchObject({ ok: true });
    expect((res.body.evidence.anchor as { seq: number }).seq).toBeGreaterThan(0);
  });

  it("fails the access review until signed off, and again once a privileged account is added", async () => {
    const before = await run("access-review.privileged");
    expect(before.body.result).toBe("fail");
    expect(before.body.sentence).toMatch(/No access review has been signed off yet/);

    const signed = await call<{ review: { id: string }; result: CheckResult }>("POST", "/v1/security-plan/access-review", admin, { note: "Quarterly review" });
    expect(signed.status).toBe(201);
    expect(signed.body.result.result, signed.body.result.sentence).toBe("pass");
    const [event] = await auditEvents(both.access, "security_plan.access_review_sign_off");
    expect(event).toMatchObject({ target: { type: "access-review", id: signed.body.review.id }, actor: { id: admin.user.id } });

    const newcomer = await createPlatformAdmin(both.access);
    const after = await run("access-review.privileged");
    expect(after.body.result).toBe("fail");
    expect(JSON.stringify(after.body.evidence)).toContain(newcomer.user.id);
    // A district reviewer sees the counts, not which accounts are new.
    const plan = await call<SecurityPlanResponse>("GET", "/v1/security-plan", district.people.district_reviewer);
    const seen = plan.body.results.find((r) => r.checkId === "access-review.privileged")!;
    expect(seen.evidence.counts).toMatchObject({ accounts: 1 });
    expect(JSON.stringify(seen.evidence)).not.toContain(newcomer.user.id);
  });

  it("serves the plan as a PDF to a district reviewer", async () => {
    const res = await call<string>("GET", "/v1/security-plan/pdf", district.people.district_reviewer);
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toBe("application/pdf"); // the bytes themselves, which the web tier streams through
    expect(res.headers["content-disposition"]).toMatch(/^attachment; filename="tessera-security-plan-\d{4}-\d{2}-\d{2}\.pdf"$/);
    expect(res.body.startsWith("%PDF-1.7")).toBe(true);
  });

  it("runs on the access service's schedule, keeping each result as the latest", async () => {
    const before = await both.access.prisma.securityCheckResult.findUnique({ where: { checkId: "passwords.policy" } });
    const schedule = startSelfCheckSchedule(both.access.ctx, both.access.ctx.selfCheck!, { intervalMinutes: 60, firstRunMs: 0, logger: silent });
    await expect.poll(async () => (await both.access.prisma.securityCheckResult.findUnique({ where: { checkId: "passwords.policy" } }))?.ranBy, { timeout: 30_000 }).toBe("schedule");
    await schedule.stop();
    const after = await both.access.prisma.securityCheckResult.findUnique({ where: { checkId: "passwords.policy" } });
    expect(after!.checkedAt.getTime()).toBeGreaterThan(before?.checkedAt.getTime() ?? 0);
  });

  it("fails the audit chain check once the newest events are deleted behind the audit service's back", async () => {
    await relay.flush();
    const writer = (both.audit.app as unknown as { checkpointWriter: { flush(): Promise<void> } }).checkpointWriter;
    await writer.flush();
    const client = new pg.Client({ connectionString: auditDbInfo.url });
    await client.connect();
    try {
      await client.query("SET session_replication_role = replica"); // as a superuser could: past the append-only triggers
      await client.query("DELETE FROM audit_events WHERE seq > (SELECT max(seq) - 3 FROM audit_events)");
    } finally {
      await client.end();
    }
    const res = await run("audit.chain");
    expect(res.body.result).toBe("fail");
    expect(res.body.sentence).toMatch(/events were removed/);
  });
});
