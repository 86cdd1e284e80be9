// Every endpoint of both running services × every kind of caller identity, generated from the policies the
// services declared (declaredRoutes), not written out by hand: an identity the policy does not admit gets
// 403 reason caller-not-admitted, a person's endpoint without a bearer 401, both before any input is
// read (each request carries a body that does not parse); each refusal is audited (access: its outbox; audit: its own chain) and counted in Prometheus, and
// nothing else changes. Admitted callers get past the policy. The OpenAPI document says the same.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accessPolicies } from "../../contracts/access-policies";
import { auditPolicies } from "../../contracts/audit-policies";
import { admitsCaller, metaPolicies, type EndpointPolicy } from "../../contracts/route-policy";
import type { StoredEvent } from "../../contracts/audit-api";
import { openDatabase, type Database } from "../../services/common/db/open-database";
import { createMtlsClient } from "../../services/common/http/mtls-client";
import { refusedCallerByRoute } from "../../services/access/routes/oauth-routes";
import { declaredRoutes, type DeclaredRoute } from "../../services/common/http/policy";
import { callerLabel } from "../../services/common/http/refusal-recorder";
import type { OpenApiDocument } from "../support/openapi-checks";
import { changeEventCount, refusalEvents } from "../support/refusal-fixtures";
import { startAccessService, type AccessHarness } from "../support/start-access-service";
import { startAuditService, type RunningAudit } from "../support/start-audit-service";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

/** Tessera's own identities and two components: every kind of caller a policy can name. */
const identities = ["web", "access", "audit", "operator", "reports-worker", "etl-runner"];
type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
const policyReasons = new Set(["caller-not-admitted", "session-required", "permission-missing"]);

let access: AccessHarness;
let auditDb: TestDatabase;
let db: Database;
let audit: RunningAudit;
const clients = new Map<string, ReturnType<typeof createMtlsClient>>();

beforeAll(async () => {
  access = await startAccessService("policy_matrix");
  auditDb = await createTestDatabase("policy_matrix_audit");
  db = await openDatabase({ url: auditDb.url, embeddedDir: auditDb.embeddedDir });
  audit = await startAuditService({ pki: access.pki, connectionString: db.connectionString, poolMax: db.poolMax, chainKey: randomBytes(32) });
  for (const identity of identities) await access.as(identity); // issues each certificate once
});
afterAll(async () => {
  await Promise.all([...clients.values()].map((c) => c.close()));
  await audit?.app.close();
  await db?.close();
  await auditDb?.drop();
  await access?.close();
});

async function client(service: "access" | "audit", identity: string) {
  const key = `${service}:${identity}`;
  if (!clients.has(key)) clients.set(key, createMtlsClient(service === "access" ? access.url : audit.url, await access.pki.client(identity)));
  return clients.get(key)!;
}

/** A concrete path for a route: every parameter filled with a value no record has. */
const samplePath = (url: string) => url.replace(/:([A-Za-z0-9_]+)/g, "zz-nope");

/**
 * The policy's reason as the answer states it: problem+json carries it as `reason`; the OAuth endpoints
 * answer in RFC 6749 §5.2 words, where a refused identity is `unauthorized_client`.
 */
function refusalReason(res: { headers: Record<string, unknown>; body: { reason?: string; error?: string } }): string | undefined {
  const type = String(res.headers["content-type"]);
  if (/problem\+json/.test(type)) return res.body.reason;
  if (/^application\/json/.test(type) && (res.body.error === "unauthorized_client" || res.body.error === "invalid_client")) return "caller-not-admitted";
  return `unrecognised answer (${type})`;
}

/** `status` is the policy's refusal (audited); `wireStatus` what the caller sees (the OAuth routes answer in RFC 6749 words). */
type Expectation = { status: 401 | 403; wireStatus: number; reason: string } | "admitted";
function expectationFor(policy: EndpointPolicy, url: string, identity: string): Expectation {
  const oauthAnswer = (refusedCallerByRoute as Record<string, { status: number } | undefined>)[url];
  if (!admitsCaller(policy, identity)) return { status: 403, wireStatus: oauthAnswer?.status ?? 403, reason: "caller-not-admitted" };
  if (policy.bearer === "session") return { status: 401, wireStatus: 401, reason: "session-required" };
  return "admitted";
}

/** Everything a request could change in the access service's database, but the refusal's own audit event. */
async function accessState() {
  const p = access.prisma;
  const counts = await Promise.all([p.user.count(), p.session.count(), p.tenant.count(), p.license.count(), p.token.count(), p.component.count(), p.resourceServer.count(), p.oAuthClient.count(), p.invitation.count(), p.setupLink.count(), changeEventCount(access)]);
  return counts.join(",");
}

async function auditEvents(action?: string): Promise<StoredEvent[]> {
  const operator = await client("audit", "operator");
  const res = await operator.json<{ events: StoredEvent[] }>("GET", `/v1/events?limit=200${action ? `&action=${action}` : ""}`);
  return res.body.events;
}

/** Prometheus counter values by "route|reason|caller". */
async function refusalCounts(service: "access" | "audit"): Promise<Map<string, number>> {
  const text = (await (await client(service, "operator")).json<string>("GET", "/metrics")).body;
  const counts = new Map<string, number>();
  for (const line of String(text).split("\n")) {
    const m = /^authorization_refusals_total\{(.*)\} (\d+)$/.exec(line);
    if (!m) continue;
    const labels = Object.fromEntries([...m[1].matchAll(/(\w+)="([^"]*)"/g)].map((l) => [l[1], l[2]]));
    counts.set(`${labels.route}|${labels.reason}|${labels.caller}`, Number(m[2]));
  }
  return counts;
}

function matrix(service: "access" | "audit") {
  const routes = (): readonly DeclaredRoute[] => declaredRoutes(service === "access" ? access.app : audit.app);
  const expectedCounts = new Map<string, number>();

  it(`${service}: declares a policy on every route it serves, the one its OpenAPI document shows`, async () => {
    const document = (await (await client(service, "web")).json<OpenApiDocument>("GET", "/openapi.json")).body;
    // every entry of the service's table is served, and every route served wears one
    const table = { ...metaPolicies, ...(service === "access" ? accessPolicies : auditPolicies) };
    expect(routes().map((r) => r.policy.endpoint).sort()).toEqual(Object.keys(table).sort());
    for (const { method, url, policy } of routes()) {
      const operation = document.paths[url.replace(/:([A-Za-z0-9_]+)/g, "{$1}")]?.[method.toLowerCase()] as Record<string, unknown> | undefined;
      expect(operation?.["x-callers"], `${method} ${url}`).toEqual(policy.callers);
      expect(operation?.["x-permission"], `${method} ${url}`).toBe(policy.permission);
    }
  });

  it(`${service}: every route × every identity, before input is read; refusals audited and counted, nothing else changed`, async () => {
    for (const { method, url, policy } of routes()) {
      for (const identity of identities) {
        const label = `${identity} → ${method} ${url}`;
        const expected = expectationFor(policy, url, identity);
        const before = service === "access" ? await accessState() : (await auditEvents()).length;
        const refusalsBefore = service === "access" ? (await refusalEvents(access)).length : (await auditEvents("authz.refuse")).length;
        // A body that cannot even be parsed: a refusal must come before anything reads it.
        const body = method === "GET" ? undefined : "{ not json";
        const res = await (await client(service, identity)).raw<{ code?: string; reason?: string; error?: string; requestId?: string }>(method as Method, samplePath(url), body, body ? { "content-type": "application/json" } : {});
        const refusals = service === "access" ? await refusalEvents(access) : ((await auditEvents("authz.refuse")).reverse() as unknown as Awaited<ReturnType<typeof refusalEvents>>);
        if (expected === "admitted") {
          expect(res.status, label).toBeLessThan(500);
          if (res.status === 401 || res.status === 403) expect(policyReasons.has(String(res.body.reason)), `${label}: not the policy's refusal`).toBe(false);
          expect(refusals.length, `${label}: no refusal audited`).toBe(refusalsBefore);
        } else {
          expect(res.status, label).toBe(expected.wireStatus);
          expect(refusalReason(res), label).toBe(expected.status === 403 ? expected.reason : undefined);
          expect(refusals.length, `${label}: one refusal audited`).toBe(refusalsBefore + 1);
          expect(refusals.at(-1), label).toMatchObject({
            action: "authz.refuse",
            outcome: "failure",
            actor: { type: "service", id: identity },
            target: { type: "endpoint", id: `${method} ${url}` },
            requestId: res.headers["x-request-id"],
            // The web tier sends no browser address here: unknown (null), never the web host's; others are their TCP peer.
            sourceIp: service === "access" && identity === "web" ? null : "127.0.0.1",
            data: { service, caller: identity, reason: expected.reason, status: expected.status, suppressedBefore: 0 },
          });
          const key = `${url}|${expected.reason}|${callerLabel(identity)}`;
          expectedCounts.set(key, (expectedCounts.get(key) ?? 0) + 1);
        }
        // HEAD twins and the audit service's own reads aside, the request changed nothing else.
        const after = service === "access" ? await accessState() : (await auditEvents()).length - (refusals.length - refusalsBefore);
        expect(after, `${label}: nothing else changed`).toBe(before);
      }
    }
    expect(await refusalCounts(service)).toEqual(expectedCounts);
  }, 240_000); // a request and database reads per route × identity: the loop grows with every route added
}

describe("access service: caller × route", () => matrix("access"));
describe("audit service: caller × route", () => matrix("audit"));

it("the web tier's certificate can no longer append to the audit chain (a forged, back-dated event is refused)", async () => {
  const forged = {
    id: "0b5d3d9e-4c7a-4f0e-9d51-6a2f1f3f9a10", occurredAt: "2020-01-01T00:00:00.000Z", action: "license.revoke", outcome: "success",
    actor: { type: "user", id: "usr_someone", label: "someone@example.org" }, target: { type: "license", id: "lic_x" }, tenantId: "ten_other", sourceIp: null, requestId: null, data: {},
  };
  const res = await (await client("audit", "web")).json<{ reason: string }>("POST", "/v1/events", { events: [forged] });
  expect(res.status).toBe(403);
  expect(res.body.reason).toBe("caller-not-admitted");
  expect((await auditEvents()).filter((e) => e.id === forged.id)).toEqual([]);
  // the access service, whose relay is the one writer, still may
  expect((await (await client("audit", "access")).json("POST", "/v1/events", { events: [{ ...forged, tenantId: null, action: "test.append" }] })).status).toBe(200);
});

it("refuses every endpoint to a connection without a client certificate", async () => {
  const bare = createMtlsClient(access.url, { ca: (await access.pki.client("web")).ca } as never);
  for (const { method, url } of declaredRoutes(access.app)) await expect(bare.json(method as Method, samplePath(url))).rejects.toThrow();
  await bare.close();
});
