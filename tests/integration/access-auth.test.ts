// The access service's setup, sign-in and session endpoints, over real mTLS against a real database:
// the happy path and every negative one (wrong caller, malformed, used, expired, wrong password, throttled).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { issueSetupLinkIfNeeded } from "../../services/access/domain/setup/issue-setup-link";
import { startAccessService, type AccessHarness } from "../support/start-access-service";

let h: AccessHarness;
let web: Awaited<ReturnType<AccessHarness["as"]>>;
const admin = { name: "Ada Admin", email: "ada@example.org", password: "copper lantern orbit harbour" };
const tokenOf = (url: string) => url.split("/setup/")[1];

beforeAll(async () => {
  h = await startAccessService("auth");
  web = await h.as("web");
});
afterAll(async () => h?.close());

describe("first administrator setup", () => {
  let token: string;

  it("starts with setup needed and one usable link", async () => {
    expect((await web.json("GET", "/v1/setup/status")).body).toEqual({ needsSetup: true });
    const first = await issueSetupLinkIfNeeded(h.ctx);
    const second = await issueSetupLinkIfNeeded(h.ctx);
    token = tokenOf(second!.url);
    expect((await web.json("GET", `/v1/setup/links/${token}`)).status).toBe(200);
    // a newer link replaces the older one
    const old = await web.json<{ reason: string }>("GET", `/v1/setup/links/${tokenOf(first!.url)}`);
    expect([old.status, old.body.reason]).toEqual([410, "setup-link-replaced"]);
  });

  it("answers 404 for an unknown link and 422 for malformed input, creating nothing", async () => {
    const unknown = await web.json<{ reason: string; code: string }>("GET", "/v1/setup/links/tsu_nope");
    expect([unknown.status, unknown.body.reason]).toEqual([404, "setup-link-invalid"]);
    const bad = await web.json<{ fieldErrors: Record<string, string[]> }>("POST", "/v1/setup", { token, name: "", email: "not-an-email", password: "x" });
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.body.fieldErrors).sort()).toEqual(["email", "name"]);
    expect(await h.prisma.user.count()).toBe(0);
  });

  it("refuses a weak password with a field message and keeps the link usable", async () => {
    const weak = await web.json<{ fieldErrors: Record<string, string[]> }>("POST", "/v1/setup", { token, ...admin, password: "passwordpassword" });
    expect(weak.status).toBe(422);
    expect(weak.body.fieldErrors.password[0]).toMatch(/common or breached|too easy/);
    expect((await web.json("GET", `/v1/setup/links/${token}`)).status).toBe(200);
  });

  it("refuses an expired link with a clear reason and keeps refusing after the time is past", async () => {
    const link = await issueSetupLinkIfNeeded(h.ctx);
    const stale = tokenOf(link!.url);
    await h.prisma.setupLink.updateMany({ where: { usedAt: null, revokedAt: null }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const res = await web.json<{ reason: string }>("POST", "/v1/setup", { token: stale, ...admin });
    expect([res.status, res.body.reason]).toEqual([410, "setup-link-expired"]);
    expect(await h.prisma.user.count()).toBe(0);
    // a fresh link for the tests that follow
    token = tokenOf((await issueSetupLinkIfNeeded(h.ctx))!.url);
  });

  it("only the web tier may use the setup endpoints", async () => {
    const operator = await h.as("operator");
    const res = await operator.json<{ code: string }>("POST", "/v1/setup", { token, ...admin });
    expect([res.status, res.body.code]).toEqual([403, "forbidden"]);
  });

  it("creates the administrator once; the link is then used", async () => {
    const created = await web.json<{ user: { role: string; email: string } }>("POST", "/v1/setup", { token, ...admin, email: "  ADA@example.org " });
    expect(created.status).toBe(201);
    expect(created.body.user).toMatchObject({ role: "platform_admin", email: "ada@example.org" });
    const again = await web.json<{ reason: string }>("POST", "/v1/setup", { token, ...admin });
    expect([again.status, again.body.reason]).toEqual([410, "setup-link-used"]);
    expect((await web.json("GET", "/v1/setup/status")).body).toEqual({ needsSetup: false });
    expect(await issueSetupLinkIfNeeded(h.ctx)).toBeNull();
  });

  it("stores only an argon2id hash of the password", async () => {
    const row = await h.prisma.user.findUniqueOrThrow({ where: { email: admin.email }, omit: { passwordHash: false } });
    expect(row.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(JSON.stringify(await h.prisma.user.findMany())).not.toContain("argon2");
  });
});

describe("sign-in and sessions", () => {
  const signIn = (email: string, password: string, ip = "203.0.113.7") =>
    web.json<{ sessionToken: string; code: string; reason: string; retryAfterSeconds: number; detail: string }>(
      "POST", "/v1/auth/sign-in", { email, password }, { "x-tessera-client-ip": ip },
    );

  it("gives the same answer for an unknown e-mail and a wrong password", async () => {
    const unknown = await signIn("nobody@example.org", admin.password);
    const wrong = await signIn(admin.email, "wrong wrong wrong wrong");
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    const strip = (b: object) => ({ ...b, requestId: undefined });
    expect(strip(unknown.body)).toEqual(strip(wrong.body));
    expect(wrong.body.reason).toBe("invalid-credentials");
  });

  it("opens a session whose token works until sign-out, and only as a bearer from the web tier", async () => {
    const res = await signIn(admin.email, admin.password);
    expect(res.status).toBe(200);
    const bearer = { authorization: `Bearer ${res.body.sessionToken}` };
    const me = await web.json<{ user: { email: string } }>("GET", "/v1/me", undefined, bearer);
    expect([me.status, me.body.user.email]).toEqual([200, admin.email]);
    expect((await (await h.as("operator")).json("GET", "/v1/me", undefined, bearer)).status).toBe(403);
    expect((await web.json("GET", "/v1/me")).status).toBe(401);
    expect((await web.json("GET", "/v1/me", undefined, { authorization: "Bearer tss_forged" })).status).toBe(401);
    expect((await web.json("POST", "/v1/auth/sign-out", undefined, bearer)).status).toBe(204);
    const after = await web.json<{ reason: string }>("GET", "/v1/me", undefined, bearer);
    expect([after.status, after.body.reason]).toEqual([401, "session-ended"]);
    expect((await web.json("POST", "/v1/auth/sign-out", undefined, bearer)).status).toBe(204);
  });

  it("ends a session after the idle timeout and at the absolute expiry", async () => {
    const idle = await signIn(admin.email, admin.password);
    await h.prisma.session.updateMany({ where: { endedAt: null }, data: { lastSeenAt: new Date(Date.now() - 31 * 60_000) } });
    const res = await web.json<{ reason: string }>("GET", "/v1/me", undefined, { authorization: `Bearer ${idle.body.sessionToken}` });
    expect([res.status, res.body.reason]).toEqual([401, "idle-timeout"]);
    const old = await signIn(admin.email, admin.password);
    await h.prisma.session.updateMany({ where: { endedAt: null }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const res2 = await web.json<{ reason: string }>("GET", "/v1/me", undefined, { authorization: `Bearer ${old.body.sessionToken}` });
    expect([res2.status, res2.body.reason]).toEqual([401, "absolute-timeout"]);
  });

  it("stops guessing at an account from any address, but not its owner on a browser they signed in from", async () => {
    const known = await web.json<{ deviceCookie: string }>("POST", "/v1/auth/sign-in", { email: admin.email, password: admin.password }, { "x-tessera-client-ip": "192.0.2.44" });
    expect(known.body.deviceCookie).toMatch(/^tsd_/);
    for (let i = 0; i < 10; i++) await signIn(admin.email, `not the password ${i}`, `198.51.100.${i + 10}`);
    const blocked = await signIn(admin.email, admin.password, "198.51.100.99");
    expect(blocked.status).toBe(429);
    expect(blocked.body.retryAfterSeconds).toBeGreaterThan(0);
    // the real user, on the browser they signed in from before, still gets in
    const owner = await web.json("POST", "/v1/auth/sign-in", { email: admin.email, password: admin.password, deviceCookie: known.body.deviceCookie }, { "x-tessera-client-ip": "198.51.100.99" });
    expect(owner.status).toBe(200);
  });

  it("carries the web tier's request id across the mTLS hop into the answer and the audit event", async () => {
    const res = await web.json("POST", "/v1/auth/sign-in", { email: "nobody@example.org", password: "whatever whatever" }, { "x-request-id": "req-web-42" });
    expect(res.headers["x-request-id"]).toBe("req-web-42");
    const events = await h.prisma.outboxEvent.findMany();
    expect(events.some((e) => (e.payload as { requestId: string }).requestId === "req-web-42")).toBe(true);
  });

  it("answers malformed sign-in bodies with 4xx problem+json", async () => {
    const json = { "content-type": "application/json" };
    const cases: [string | undefined, Record<string, string>][] = [
      [undefined, {}],
      ["{", json],
      ["[]", json],
      [JSON.stringify({ email: 5 }), json],
      [JSON.stringify({ email: "a@b.c", password: "x".repeat(2000) }), json],
      ["email=a&password=b", { "content-type": "application/x-www-form-urlencoded" }],
    ];
    for (const [body, headers] of cases) {
      const res = await web.raw<{ type: string }>("POST", "/v1/auth/sign-in", body, headers);
      expect(res.status, String(body)).toBeGreaterThanOrEqual(400);
      expect(res.status, String(body)).toBeLessThan(500);
      expect(res.headers["content-type"]).toMatch(/application\/problem\+json/);
    }
  });

  it("queues an audit event for every sign-in success, failure and sign-out, with no secret in it", async () => {
    const events = await h.prisma.outboxEvent.findMany();
    const actions = events.map((e) => (e.payload as { action: string; outcome: string }).action + ":" + (e.payload as { outcome: string }).outcome);
    expect(actions).toContain("auth.sign_in:success");
    expect(actions).toContain("auth.sign_in:failure");
    expect(actions).toContain("auth.sign_out:success");
    expect(actions).toContain("auth.session_end:success");
    expect(actions).toContain("setup.admin_create:success");
    const all = JSON.stringify(events);
    expect(all).not.toContain(admin.password);
    expect(all).not.toContain("tss_");
  });
});
