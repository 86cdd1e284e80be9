// The whole system as `tessera start` runs it (three OS processes from one temporary data folder, on free
// ports, on PostgreSQL): the operator's settings reach the process that takes them, a real flow (setup,
// sign-in, invitation, acceptance, a pasted token) leaves no secret in any log, and a crashed audit
// service is restarted while the others keep serving, with what happened meanwhile reaching its log.
import fs from "node:fs";
import fsp from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSystem, type RunningSystem } from "../../cli/launcher/start-system";
import { createMtlsClient } from "../../services/common/http/mtls-client";
import { generateToken } from "../../services/access/domain/tokens/token-format";
import { totpCodeAt } from "../../services/access/domain/mfa/totp";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

let system: RunningSystem;
let home: string;
let dbs: TestDatabase[];
const clients: ReturnType<typeof createMtlsClient>[] = [];
const secrets: string[] = [];
const admin = { name: "Ada Admin", email: "ada@example.org", password: "copper lantern orbit harbour" };

function clientAs(identity: string, url: string) {
  const pki = system.layout.pki;
  const client = createMtlsClient(url, { ca: fs.readFileSync(pki.caCert), cert: fs.readFileSync(pki.cert(identity)), key: fs.readFileSync(pki.key(identity)) });
  clients.push(client);
  return client;
}

const environOf = (pid: number) =>
  Object.fromEntries(fs.readFileSync(`/proc/${pid}/environ`, "utf8").split("\0").filter(Boolean).map((kv) => [kv.slice(0, kv.indexOf("=")), kv.slice(kv.indexOf("=") + 1)]));
const child = (name: string) => system.children.find((c) => c.name === name)!;

async function until<T>(what: string, probe: () => Promise<T | undefined>, deadlineMs = 60_000): Promise<T> {
  const deadline = Date.now() + deadlineMs;
  while (Date.now() < deadline) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${what}: not within ${deadlineMs / 1000} s`);
}

beforeAll(async () => {
  home = await fsp.mkdtemp(path.join(os.tmpdir(), "tessera-system-"));
  dbs = [await createTestDatabase("system_access"), await createTestDatabase("system_audit")];
  system = await startSystem({
    home,
    ports: { web: 0, access: 0, audit: 0 },
    accessDatabaseUrl: dbs[0].url,
    auditDatabaseUrl: dbs[1].url,
    settings: { SESSION_IDLE_MINUTES: "17", SETUP_LINK_MINUTES: "9", WEB_TRUSTED_PROXY_HOPS: "0", AUDIT_CHAIN_KEY_FILE: path.join(home, "audit", "keys", "chain.key"), PATH: "/should/not/pass" },
  });
  // Starting the system builds the web tier first: 80 s on a quiet 2-core machine, over 240 s on a busy one.
}, 600_000);

afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await system?.stop();
  for (const db of dbs ?? []) await db.drop();
  await fsp.rm(home, { recursive: true, force: true });
}, 60_000);

describe("the launched system", () => {
  it("passes each process the operator's settings it declares, and no other", () => {
    const access = environOf(child("access").process.pid!);
    const web = environOf(child("web").process.pid!);
    const audit = environOf(child("audit").process.pid!);
    expect([access.SESSION_IDLE_MINUTES, access.SETUP_LINK_MINUTES, web.WEB_TRUSTED_PROXY_HOPS, audit.AUDIT_CHAIN_KEY_FILE]).toEqual(["17", "9", "0", path.join(home, "audit", "keys", "chain.key")]);
    expect([web.SESSION_IDLE_MINUTES, audit.SESSION_IDLE_MINUTES, access.WEB_TRUSTED_PROXY_HOPS, web.AUDIT_CHAIN_KEY_FILE]).toEqual([undefined, undefined, undefined, undefined]);
    expect(access.PATH).not.toBe("/should/not/pass");
    // SETUP_LINK_MINUTES=9 took effect: the link printed expires 9 minutes after it was made.
    const minutes = (Date.parse(system.setupLinkExpiresAt!) - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(7);
    expect(minutes).toBeLessThanOrEqual(9);
  });

  it("runs setup, sign-in, an invitation and a pasted token without writing a secret to any log", async () => {
    const web = clientAs("web", system.accessUrl);
    const setupToken = system.setupLink!.split("/setup/")[1];
    secrets.push(setupToken);
    // The web tier's own pages read the links from their paths.
    expect((await fetch(`${system.webUrl}/setup/${setupToken}`)).status).toBe(200);
    expect((await web.json("POST", "/v1/setup", { token: setupToken, ...admin })).status).toBe(201);
    const signedIn = await web.json<{ sessionToken: string; deviceCookie: string }>("POST", "/v1/auth/sign-in", { email: admin.email, password: admin.password });
    expect(signedIn.status).toBe(200);
    secrets.push(signedIn.body.sessionToken, signedIn.body.deviceCookie.split("~")[0]);
    const bearer = { authorization: `Bearer ${signedIn.body.sessionToken}` };
    // A platform administrator's first session owes a second factor: it adds an app (its secret is one too).
    const totp = await web.json<{ id: string; secret: string }>("POST", "/v1/me/second-factors/totp", { label: "Phone" }, bearer);
    expect(totp.status).toBe(201);
    const code = totpCodeAt(totp.body.secret, new Date());
    secrets.push(totp.body.secret);
    expect((await web.json("POST", `/v1/me/second-factors/${totp.body.id}/confirm`, { code }, bearer)).status).toBe(200);
    const tenant = await web.json<{ tenant: { id: string } }>("POST", "/v1/tenants", { slug: "lakeside", name: "Lakeside", kind: "company" }, bearer);
    expect(tenant.status).toBe(201);
    const invited = await web.json<{ inviteUrl: string }>("POST", `/v1/tenants/${tenant.body.tenant.id}/invitations`, { email: "new@lakeside.example", role: "tenant_member" }, bearer);
    expect(invited.status).toBe(201);
    const inviteToken = invited.body.inviteUrl.split("/invitations/")[1];
    secrets.push(inviteToken);
    expect((await fetch(`${system.webUrl}/invitations/${inviteToken}`)).status).toBe(200);
    expect((await web.json("GET", `/v1/invitations/${inviteToken}`)).status).toBe(200);
    expect((await web.json("POST", `/v1/invitations/${inviteToken}/accept`, { name: "New Person", password: "marble tundra saffron whistle" })).status).toBe(201);
    // Someone pastes a token into introspection (form-encoded and JSON) and into a URL.
    const pasted = generateToken();
    secrets.push(pasted);
    const operator = clientAs("operator", system.accessUrl);
    await operator.raw("POST", "/oauth/introspect", `token=${pasted}`, { "content-type": "application/x-www-form-urlencoded" });
    await operator.json("POST", "/oauth/introspect", { token: pasted });
    await operator.json("GET", `/v1/tokens/${pasted}`);
    await fetch(`${system.webUrl}/tokens/${pasted}`);

    // Poll until the flow's last request has been logged, then search every log for every secret.
    const logs = path.join(home, "logs");
    const read = async () => (await Promise.all(["access.log", "audit.log", "web.log"].map((f) => fsp.readFile(path.join(logs, f), "utf8")))).join("\n");
    await until("the last request logged", async () => ((await read()).includes('"url.path":"/v1/tokens/tsr_') ? true : undefined));
    const all = await read();
    // The one intended print: the setup link, once, in the line that announces it.
    const printed = all.split("\n").filter((line) => line.includes(setupToken));
    expect(printed).toHaveLength(1);
    expect(printed[0]).toMatch(/"setupUrl":/);
    for (const secret of secrets.slice(1)) expect({ secret: secret.slice(0, 4), found: all.includes(secret) }).toEqual({ secret: secret.slice(0, 4), found: false });
    expect(all).toContain("/v1/invitations/tsi_[redacted]");
    expect(all).toContain("/v1/tokens/tsr_[redacted]");
  });

  it("restarts a crashed audit service while the others keep serving, and what happened meanwhile reaches its log", async () => {
    const audit = child("audit");
    const before = audit.process.pid;
    audit.process.kill("SIGKILL");
    await until("the audit process gone", async () => (audit.process.pid !== before || audit.process.exitCode !== null || audit.process.signalCode !== null ? true : undefined));
    // Meanwhile the access service and the web tier keep serving, and a sign-in failure is audited.
    const requestId = `supervision-${Date.now()}`;
    const web = clientAs("web", system.accessUrl);
    const failed = await web.json("POST", "/v1/auth/sign-in", { email: admin.email, password: "not the password at all" }, { "x-request-id": requestId });
    expect(failed.status).toBe(401);
    expect((await fetch(`${system.webUrl}/healthz`)).status).toBe(200);

    await until("the audit service restarted", async () => (audit.restarts === 1 && audit.process.pid !== before ? true : undefined));
    const reader = clientAs("operator", system.auditUrl);
    const seen = await until("the event in the audit log", async () => {
      const res = await reader.json<{ events: { requestId: string | null; action: string; outcome: string }[] }>("GET", "/v1/events?action=auth.sign_in&limit=200");
      return res.body.events.find((e) => e.requestId === requestId);
    });
    expect(seen).toMatchObject({ action: "auth.sign_in", outcome: "failure" });
    expect(await fsp.readFile(path.join(home, "logs", "audit.log"), "utf8")).toMatch(/exited unexpectedly \(signal SIGKILL\); restarting in 1 s/);
    expect(child("access").restarts + child("web").restarts).toBe(0);
  });
});
