// The whole system as `tessera start` runs it (three OS processes, on PostgreSQL), observed as an operator
// would: every line of every process's log is Elastic Common Schema (checked against @elastic/ecs's field
// set); one request through the web tier reaches the access service and the audit service as one trace,
// exported over OTLP to an in-test receiver with spans of all three processes; the trace and span ids in
// the logs are the spans' own; and the request id follows the request into the audit service's log.
// The system is started here rather than by Playwright's global setup because the receivers' addresses
// must be in the processes' environment when they start.
import fs from "node:fs";
import fsp from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSystem, type RunningSystem } from "../../cli/launcher/start-system";
import { createMtlsClient } from "../../services/common/http/mtls-client";
import { totpCodeAt } from "../../services/access/domain/mfa/totp";
import { ecsProblems, field, logLines } from "../support/ecs-fields";
import { eventually, startOtlpReceiver, startSentryReceiver, type ReceivedSpan } from "../support/telemetry-receivers";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

let system: RunningSystem;
let home: string;
let dbs: TestDatabase[];
let otlp: Awaited<ReturnType<typeof startOtlpReceiver>>;
let sentry: Awaited<ReturnType<typeof startSentryReceiver>>;
const admin = { name: "Olive Operator", email: "olive@example.org", password: "copper lantern orbit harbour" };
const traced = `obs-audit-${Date.now()}`;
const signIn = `obs-sign-in-${Date.now()}`;

beforeAll(async () => {
  otlp = await startOtlpReceiver();
  sentry = await startSentryReceiver();
  home = await fsp.mkdtemp(path.join(os.tmpdir(), "tessera-observed-"));
  dbs = [await createTestDatabase("observed_access"), await createTestDatabase("observed_audit")];
  system = await startSystem({
    home,
    ports: { web: 0, access: 0, audit: 0 },
    accessDatabaseUrl: dbs[0].url,
    auditDatabaseUrl: dbs[1].url,
    settings: { OTEL_EXPORTER_OTLP_ENDPOINT: otlp.url, SENTRY_DSN: sentry.dsn },
  });
  // Starting the system builds the web tier first when it is not built: minutes on a busy 2-core machine.
}, 600_000);

afterAll(async () => {
  await system?.stop();
  for (const db of dbs ?? []) await db.drop();
  await otlp?.close();
  await sentry?.close();
  await fsp.rm(home, { recursive: true, force: true });
}, 60_000);

const cookieHeader = (res: Response, jar: Map<string, string>) => {
  for (const cookie of res.headers.getSetCookie()) {
    const [pair] = cookie.split(";");
    jar.set(pair.slice(0, pair.indexOf("=")), pair.slice(pair.indexOf("=") + 1));
  }
  return [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
};

/** Signs the administrator in through the web tier as the browser's form does (next-auth's credentials callback). */
async function signInThroughWeb(): Promise<string> {
  const jar = new Map<string, string>();
  const csrf = await fetch(`${system.webUrl}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  let cookies = cookieHeader(csrf, jar);
  const res = await fetch(`${system.webUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookies, "x-request-id": signIn },
    body: new URLSearchParams({ csrfToken, email: admin.email, password: admin.password, json: "true" }),
  });
  cookies = cookieHeader(res, jar);
  expect([...jar.keys()]).toContain("next-auth.session-token");
  // A platform administrator's first session owes a second factor: it adds an app through the console's routes.
  const post = (url: string, body: unknown) => fetch(`${system.webUrl}${url}`, { method: "POST", headers: { "content-type": "application/json", cookie: cookies }, body: JSON.stringify(body) });
  const started = (await (await post("/api/me/second-factors/totp", { label: "Phone" })).json()) as { id: string; secret: string };
  expect((await post(`/api/me/second-factors/${started.id}/confirm`, { code: totpCodeAt(started.secret, new Date()) })).status).toBe(200);
  return cookies;
}

const readLog = (name: string) => logLines(fs.readFileSync(path.join(home, "logs", name), "utf8"));

describe("the observed system", () => {
  let spans: ReceivedSpan[] = [];

  it("exports one trace across web, access and audit for one request, with the request id on each hop", async () => {
    const setupToken = system.setupLink!.split("/setup/")[1];
    const pki = system.layout.pki;
    const web = createMtlsClient(system.accessUrl, { ca: fs.readFileSync(pki.caCert), cert: fs.readFileSync(pki.cert("web")), key: fs.readFileSync(pki.key("web")) });
    expect((await web.json("POST", "/v1/setup", { token: setupToken, ...admin })).status).toBe(201);
    await web.close();
    const cookie = await signInThroughWeb();

    // The audit log page's data: the web tier asks the access service, which reads the audit service.
    const res = await fetch(`${system.webUrl}/api/audit/events`, { headers: { cookie, "x-request-id": traced } });
    expect(res.status).toBe(200);
    expect(res.headers.get("x-request-id")).toBe(traced);

    const root = await eventually("the web tier's span", () => otlp.received.find((s) => s.service === "web" && s.attributes["tessera.request_id"] === traced));
    spans = await eventually("spans of all three processes", () => {
      const trace = otlp.received.filter((s) => s.traceId === root.traceId);
      return ["web", "access", "audit"].every((service) => trace.some((s) => s.service === service)) ? trace : undefined;
    });
    const access = spans.find((s) => s.service === "access" && s.attributes["http.route"] === "/v1/audit/events")!;
    const audit = spans.find((s) => s.service === "audit" && s.attributes["http.route"] === "/v1/events")!;
    expect(access.name).toBe("GET /v1/audit/events");
    // Each hop's span is the child of the caller's, by W3C traceparent.
    expect(spans.filter((s) => s.service === "web").map((s) => s.spanId)).toContain(access.parentSpanId);
    expect(audit.parentSpanId).toBe(access.spanId);
    // The request id travelled with the trace, to the audit service too.
    expect([access.attributes["tessera.request_id"], audit.attributes["tessera.request_id"]]).toEqual([traced, traced]);
    expect(root.parentSpanId).toBe("");
  });

  it("writes the same trace and span ids, and the request id, in each process's log", async () => {
    const lineOf = (log: string, span: ReceivedSpan) =>
      eventually(`${log}'s request line`, () => readLog(log).find((l) => l.message === "request completed" && field(l, "http.request.id") === traced && field(l, "span.id") === span.spanId));
    for (const [log, service] of [["web.log", "web"], ["access.log", "access"], ["audit.log", "audit"]] as const) {
      const span = spans.find((s) => s.service === service && (service === "web" ? s.attributes["tessera.request_id"] === traced && s.parentSpanId === "" : s.attributes["http.route"]))!;
      const line = await lineOf(log, span);
      expect({ log, trace: field(line, "trace.id"), service: field(line, "service.name") }).toEqual({ log, trace: span.traceId, service });
    }
    // The sign-in's audit event reached the audit service through the outbox; its log names the sign-in's request.
    const received = await eventually("the sign-in's event in the audit log", () => readLog("audit.log").find((l) => l.message === "audit event received" && field(l, "http.request.id") === signIn));
    expect(field(received, "event.action")).toBe("auth.sign_in");
  });

  it("writes nothing but ECS lines, in every process's log and the launcher's", () => {
    for (const log of ["web.log", "access.log", "audit.log"]) {
      const lines = readLog(log);
      expect(lines.length).toBeGreaterThan(3);
      const problems = lines.flatMap((line) => ecsProblems(line).map((p) => ({ log, message: line.message, ...p })));
      expect(problems).toEqual([]);
    }
  });

  it("sent no error report: nothing went wrong", () => {
    expect(sentry.received.filter((e) => e.items.some((i) => i.type === "event"))).toEqual([]);
  });
});
