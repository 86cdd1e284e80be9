// The product metrics on a real access service's /metrics (and the audit service's): introspections,
// validations, grants, revocations and rate-limited refusals move with the requests that cause them;
// the cache, change feed, outbox and certificate series are there with sensible values; and the scraped
// text passes `promtool check metrics`, the alert rules `promtool check rules`, and the rules and the
// Grafana dashboard name only metrics the services serve.
import { once } from "node:events";
import fs from "node:fs";
import tls from "node:tls";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "../../services/common/db/open-database";
import { createMtlsClient } from "../../services/common/http/mtls-client";
import { deliverBatch } from "../../services/access/outbox/deliver-batch";
import { licenseKeyOf } from "../support/license-fixtures";
import { registerClientViaApi, tokenRequestAs } from "../support/oauth-fixtures";
import { hasSeries, promtool, promtoolInstalled, sampleSum } from "../support/prometheus-text";
import { startAccessService, type AccessHarness } from "../support/start-access-service";
import { startAuditService, type RunningAudit } from "../support/start-audit-service";
import { authorization } from "../support/tenant-fixtures";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { createTokenViaApi, createTokenWorld, introspectorFor, type TokenWorld } from "../support/token-fixtures";
import { validatorFor } from "../support/validation-cache-fixtures";

const root = path.resolve(import.meta.dirname, "../..");
const rulesFile = path.join(root, "ops/prometheus/tessera-rules.yml");
const rulesTestFile = path.join(root, "ops/prometheus/tessera-rules.test.yml");
const dashboardFile = path.join(root, "ops/grafana/tessera.json");
const hasPromtool = promtoolInstalled();
const skipWithoutPromtool = hasPromtool ? it : it.skip;
if (!hasPromtool) console.warn("promtool is not installed (Debian: apt-get install --no-install-recommends prometheus): the promtool checks are skipped here; CI installs it (.ci/run).");

let h: AccessHarness;
let w: TokenWorld;
let auditDbInfo: TestDatabase;
let auditDb: Database;
let audit: RunningAudit;

/** /metrics of the access service (default) or of the service at `url`, as Prometheus would scrape it (the operator's certificate). */
async function scrape(url = h.url): Promise<string> {
  await h.as("operator"); // issues the certificate once
  const operator = createMtlsClient(url, await h.pki.client("operator"));
  try {
    const res = await operator.raw<string>("GET", "/metrics");
    expect(res.status).toBe(200);
    return String(res.body);
  } finally {
    await operator.close();
  }
}

/** The end of validity of the certificate the service at `url` presents in its handshake. */
async function servedNotAfter(url: string): Promise<number> {
  const { port } = new URL(url);
  const creds = await h.pki.client("operator");
  const socket = tls.connect({ host: "127.0.0.1", port: Number(port), ca: creds.ca, cert: creds.cert, key: creds.key, servername: "localhost" });
  try {
    await once(socket, "secureConnect");
    return Date.parse(socket.getPeerCertificate().valid_to);
  } finally {
    socket.destroy();
  }
}

/** The gauge says the seconds left on the served certificate (a minute's slack for the scrape and the test's own pace). */
function expectCertificateSeconds(seconds: number, notAfter: number) {
  expect(seconds).toBeGreaterThan(0);
  expect(Math.abs(seconds - (notAfter - Date.now()) / 1000)).toBeLessThan(60);
}

beforeAll(async () => {
  h = await startAccessService("product_metrics", {}, { validationCache: true });
  w = await createTokenWorld(h, "pm");
  auditDbInfo = await createTestDatabase("product_metrics_audit");
  auditDb = await openDatabase({ url: auditDbInfo.url, embeddedDir: auditDbInfo.embeddedDir });
  audit = await startAuditService({ pki: h.pki, connectionString: auditDb.connectionString, poolMax: auditDb.poolMax, chainKey: randomBytes(32) });
});

afterAll(async () => {
  await audit?.app.close();
  await auditDb?.close();
  await auditDbInfo?.drop();
  await h?.close();
});

describe("product metrics on /metrics", () => {
  it("count introspections, validations, grants, revocations and rate-limited refusals by outcome, without ids", async () => {
    const read = "pmreports:read";
    const created = await createTokenViaApi(h, w.admin, w.licenseId, { scopes: [read] });
    const { secret } = created;
    const tokenId = created.token.id;
    const key = await licenseKeyOf(h, w.licenseId);
    // The other tenant's license may make one request a minute: the second validation is rate-limited.
    await h.prisma.license.update({ where: { id: w.otherLicenseId }, data: { requestsPerMinute: 1 } });
    const otherKey = await licenseKeyOf(h, w.otherLicenseId);
    const client = await registerClientViaApi(h, w.acme.people.tenant_admin, w.licenseId, { name: "Metrics worker", certIdentity: "pm-worker", scopes: [read] });
    const introspect = await introspectorFor(h);
    const validate = await validatorFor(h);
    const before = await scrape();

    expect((await introspect(secret)).active).toBe(true);
    expect((await introspect(secret)).active).toBe(true); // the second from the cache
    expect(await introspect("not-a-token")).toEqual({ active: false });
    expect((await validate(key)).valid).toBe(true);
    expect(await validate(key, "pmreports:admin")).toEqual({ valid: false, reason: "scope-not-granted" });
    expect(await validate("TSR-NOPE-NOPE")).toEqual({ valid: false, reason: "unknown-key" });
    expect((await validate(otherKey)).valid).toBe(true);
    const limited = await (await h.as("reports-worker")).json("POST", "/v1/licenses/validate", { key: otherKey });
    expect(limited).toMatchObject({ status: 429, body: { valid: false, reason: "rate-limited" } });
    expect((await tokenRequestAs(h, "pm-worker", { grant_type: "client_credentials", client_id: client.id })).status).toBe(200);
    expect((await tokenRequestAs(h, "pm-worker", { grant_type: "client_credentials", client_id: "cli_unknown" })).status).toBe(401);
    const web = await h.as("web");
    expect((await web.json("POST", `/v1/tokens/${tokenId}/revoke`, undefined, authorization(w.admin))).status).toBe(200);
    expect(await introspect(secret)).toEqual({ active: false });
    const after = await scrape();

    const moved = (name: string, labels: Record<string, string>) => sampleSum(after, name, labels) - sampleSum(before, name, labels);
    expect(moved("tessera_token_introspections_total", { outcome: "active", reason: "none" })).toBe(2);
    expect(moved("tessera_token_introspections_total", { outcome: "inactive", reason: "malformed" })).toBe(1);
    expect(moved("tessera_token_introspections_total", { outcome: "inactive", reason: "revoked" })).toBe(1);
    expect(moved("tessera_license_validations_total", { outcome: "valid" })).toBe(2);
    expect(moved("tessera_license_validations_total", { outcome: "refused", reason: "scope-not-granted" })).toBe(1);
    expect(moved("tessera_license_validations_total", { outcome: "refused", reason: "unknown-key" })).toBe(1);
    expect(moved("tessera_license_validations_total", { outcome: "refused", reason: "rate-limited" })).toBe(1);
    expect(moved("tessera_rate_limited_requests_total", { kind: "validations" })).toBe(1);
    expect(moved("tessera_client_credentials_grants_total", { outcome: "issued" })).toBe(1);
    expect(moved("tessera_client_credentials_grants_total", { outcome: "refused", reason: "invalid_client" })).toBe(1);
    expect(moved("tessera_token_revocations_total", { reason: "revoked" })).toBe(1);
    if (h.validationCache) {
      expect(moved("tessera_cache_hits_total", { cache: "token" })).toBeGreaterThanOrEqual(1);
      expect(moved("tessera_cache_misses_total", { cache: "license" })).toBeGreaterThanOrEqual(1);
    } else {
      // The embedded database (TEST_DATABASE=pglite) has no change feed and so no caches: no such series.
      expect(hasSeries(after, "tessera_cache_hits_total")).toBe(false);
    }

    // Bounded labels: no tenant, license, token or client id, and no key, in any product series.
    const productLines = after.split("\n").filter((l) => l.startsWith("tessera_"));
    for (const secretOrId of [w.licenseId, w.otherLicenseId, w.acme.tenant.id, tokenId, client.id, key, secret, "pm-worker", w.acme.tenant.slug]) {
      expect(productLines.filter((l) => l.includes(secretOrId))).toEqual([]);
    }
  });

  it("read the change feed, outbox lag, audit chain length and certificate at scrape time", async () => {
    const text = await scrape();
    if (h.validationCache) expect(sampleSum(text, "tessera_change_feed_up")).toBe(1);
    else expect(hasSeries(text, "tessera_change_feed_up")).toBe(false); // embedded: no feed
    // No relay runs in this harness: the events recorded above wait in the outbox.
    const pending = await h.prisma.outboxEvent.count({ where: { deliveredAt: null } });
    expect(pending).toBeGreaterThan(0);
    expect(sampleSum(text, "tessera_outbox_pending_events")).toBe(pending);
    const oldest = await h.prisma.outboxEvent.findFirstOrThrow({ where: { deliveredAt: null }, orderBy: { createdAt: "asc" } });
    const age = sampleSum(text, "tessera_outbox_oldest_pending_age_seconds");
    expect(age).toBeGreaterThan(0);
    expect(age).toBeLessThanOrEqual((Date.now() - oldest.createdAt.getTime()) / 1000 + 60);
    expectCertificateSeconds(sampleSum(text, "tessera_certificate_expires_in_seconds", { service: "access" }), await servedNotAfter(h.url));


    // Delivered to the audit service (as the relay does): the outbox drains and the chain grows by as many.
    const chainBefore = sampleSum(await scrape(audit.url), "tessera_audit_chain_length");
    const auditClient = createMtlsClient(audit.url, await h.pki.client("access"));
    try {
      let delivered = 0;
      for (let outcome = await deliverBatch(h.prisma, auditClient); outcome.taken > 0; outcome = await deliverBatch(h.prisma, auditClient)) {
        expect(outcome.unavailable).toBe(false);
        delivered += outcome.delivered;
      }
      expect(delivered).toBe(pending);
    } finally {
      await auditClient.close();
    }
    const drained = await scrape();
    expect(sampleSum(drained, "tessera_outbox_pending_events")).toBe(0);
    expect(sampleSum(drained, "tessera_outbox_oldest_pending_age_seconds")).toBe(0);
    expect(sampleSum(await scrape(audit.url), "tessera_audit_chain_length")).toBe(chainBefore + pending);
  });

  it("serve the audit service's certificate", async () => {
    const text = await scrape(audit.url);
    expectCertificateSeconds(sampleSum(text, "tessera_certificate_expires_in_seconds", { service: "audit" }), await servedNotAfter(audit.url));
  });

  skipWithoutPromtool("pass promtool check metrics, and the rules pass promtool check rules and their unit tests", async () => {
    for (const text of [await scrape(), await scrape(audit.url)]) {
      const lint = promtool(["check", "metrics"], text);
      expect(lint.output).toBe("");
      expect(lint.status).toBe(0);
    }
    const rules = promtool(["check", "rules", rulesFile]);
    expect(rules.output).toContain("SUCCESS");
    expect(rules.status).toBe(0);
    // Each alert fires on the series that should raise it, and not on the healthy ones (the rules' unit tests).
    const fired = promtool(["test", "rules", rulesTestFile]);
    expect(fired.output).toContain("SUCCESS");
    expect(fired.status).toBe(0);
  });

  it("the rules and the dashboard use only metrics the services serve", async () => {
    // Every metric a service registers is declared (# TYPE) even before its first sample.
    const served = new Set([...(await scrape()).split("\n"), ...(await scrape(audit.url)).split("\n")].map((l) => /^# TYPE (\S+) /.exec(l)?.[1]).filter(Boolean));
    const named = (text: string) => new Set([...text.matchAll(/\btessera_[a-z_]+/g)].map((m) => m[0]));
    const rules = named(fs.readFileSync(rulesFile, "utf8"));
    const dashboard = named(fs.readFileSync(dashboardFile, "utf8"));
    expect(rules.size).toBeGreaterThan(5);
    expect(dashboard.size).toBeGreaterThan(8);
    // Without the change feed (the embedded database) its gauge and the caches' counters are not served.
    const feedOnly = new Set(["tessera_change_feed_up", "tessera_cache_hits_total", "tessera_cache_misses_total"]);
    expect([...rules, ...dashboard].filter((name) => !served.has(name) && (h.validationCache !== null || !feedOnly.has(name)))).toEqual([]);
    JSON.parse(fs.readFileSync(dashboardFile, "utf8")); // valid JSON
  });
});
