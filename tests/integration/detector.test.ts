// The anomaly detector end to end: real PostgreSQL, real mTLS, real requests feeding it. Each injected
// attack kind raises its alert (a token presented over another certificate, scope probing, an
// exfiltration-sized burst, credential stuffing, a revoked token retried, unknown tokens enumerated, a
// person's new device); a tenant in enforce mode has its license suspended by the detector and the alert
// reverses it; a throttle applied from the alert holds the license's quota and is reversed; "not an
// anomaly" makes the value normal. The detector is drained by the test (no waiting on its timer), the
// clock moved instead of sleeping.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SecurityAlertDto, ListSecurityAlertsResponse } from "../../contracts/security-alert-api";
import { ruleThresholds } from "../../services/access/detector/rule-thresholds";
import { insertLicenseRow } from "../support/license-fixtures";
import { beginSignIn, enrolTotp } from "../support/mfa-fixtures";
import { startAccessService, type AccessHarness } from "../support/start-access-service";
import { authorization, fixturePassword, type SignedInPerson } from "../support/tenant-fixtures";
import { createTestClock } from "../support/test-clock";
import { createTokenViaApi, createTokenWorld, type TokenWorld } from "../support/token-fixtures";

const clock = createTestClock();
let h: AccessHarness;
let w: TokenWorld;
let read: string;
let write: string;

beforeAll(async () => {
  // cooldownMs 0: every finding is an alert (the cooldown would hide a second one of a kind).
  h = await startAccessService("detector", {}, { now: clock.now, quotas: false, validationCache: true, detector: { intervalMs: 60_000, thresholds: { ...ruleThresholds, cooldownMs: 0 } } });
  w = await createTokenWorld(h, "d");
  read = `${w.cat.reports.key}:read`;
  write = `${w.cat.reports.key}:write`;
});
afterAll(async () => {
  await h?.close();
});

const thumb = (c: string) => c.repeat(43);
async function introspect(token: string, options: { thumbprint?: string; identity?: string } = {}) {
  await h.validationCache?.feed.sync();
  const body = new URLSearchParams({ token, ...(options.thumbprint ? { cnf_x5t_s256: options.thumbprint } : {}) });
  const res = await (await h.as(options.identity ?? "reports-worker")).raw<{ active: boolean }>("POST", "/oauth/introspect", body.toString(), { "content-type": "application/x-www-form-urlencoded" });
  expect(res.status).toBe(200);
  return res.body;
}
async function alertsOf(principalId: string, kind?: string): Promise<{ id: string; kind: string }[]> {
  await h.ctx.detector!.drain();
  return h.prisma.detectorAlert.findMany({ where: { principalId, ...(kind ? { kind } : {}) }, orderBy: { createdAt: "asc" }, select: { id: true, kind: true } });
}
const web = () => h.as("web");
async function api<T>(person: SignedInPerson | null, method: "GET" | "POST" | "PUT", url: string, body?: unknown) {
  return (await web()).json<T>(method, url, body, person ? authorization(person) : {});
}
/** A token of acme's license used `n` times over one certificate from the usual place: warm. */
async function warmToken(n: number = ruleThresholds.warmupObservations, licenseId = w.licenseId) {
  const { secret, token } = await createTokenViaApi(h, w.admin, licenseId, { scopes: [read] });
  for (let k = 0; k < n; k++) expect((await introspect(secret, { thumbprint: thumb("A") })).active).toBe(true);
  expect(await alertsOf(token.id)).toEqual([]);
  return { secret, id: token.id };
}

describe("each injected attack raises its alert", () => {
  it("a token stolen and presented over another certificate: new-certificate, with the baseline it broke", async () => {
    const t = await warmToken();
    await introspect(t.secret, { thumbprint: thumb("B") });
    const [alert] = await alertsOf(t.id, "new-certificate");
    const row = await h.prisma.detectorAlert.findUniqueOrThrow({ where: { id: alert!.id } });
    expect(row).toMatchObject({ principalKind: "token", tenantId: w.acme.tenant.id, state: "open", source: "rules" });
    expect(row.evidence).toMatchObject({ presentedThumbprint: thumb("B"), caller: "reports-worker", licenseId: w.licenseId });
    expect(row.baseline).toMatchObject({ thumbprints: [thumb("A")], observations: ruleThresholds.warmupObservations });
  });

  it("scope probing: a license validated for a scope it never used", async () => {
    const license = await insertLicenseRow(h, { tenantId: w.acme.tenant.id, componentId: w.cat.reports.id, tierId: w.cat.pro.id });
    const worker = await h.as("reports-worker");
    for (let k = 0; k < ruleThresholds.warmupObservations; k++) expect((await worker.json<{ valid: boolean }>("POST", "/v1/licenses/validate", { key: license.key, scope: read })).body.valid).toBe(true);
    await worker.json("POST", "/v1/licenses/validate", { key: license.key, scope: write });
    const [alert] = await alertsOf(license.id, "new-component");
    expect((await h.prisma.detectorAlert.findUniqueOrThrow({ where: { id: alert!.id } })).evidence).toMatchObject({ scope: write });
  });

  it("an exfiltration-sized burst: volume far above the token's own moving average", async () => {
    const { secret, token } = await createTokenViaApi(h, w.admin, w.licenseId, { scopes: [read] });
    for (let minute = 0; minute < 4; minute++) {
      for (let k = 0; k < 8; k++) await introspect(secret, { thumbprint: thumb("A") });
      clock.advance(60_000);
    }
    expect(await alertsOf(token.id)).toEqual([]);
    for (let k = 0; k < ruleThresholds.volume.minPerMinute + 5; k++) await introspect(secret, { thumbprint: thumb("A") });
    expect((await alertsOf(token.id)).map((a) => a.kind)).toEqual(["volume"]);
  });

  it("a revoked token retried: a refusal burst", async () => {
    const t = await warmToken(3);
    expect((await api(w.admin, "POST", `/v1/tokens/${t.id}/revoke`, {})).status).toBe(200);
    for (let k = 0; k < ruleThresholds.refusalBurst.count; k++) expect((await introspect(t.secret)).active).toBe(false);
    expect((await alertsOf(t.id)).map((a) => a.kind)).toEqual(["refusal-burst"]);
  });

  it("unknown tokens from one caller: enumeration of that caller", async () => {
    for (let k = 0; k < ruleThresholds.enumeration.count; k++) await introspect(`tsr_guess${k}`, { identity: "reports-worker" });
    expect((await alertsOf("reports-worker", "enumeration")).length).toBeGreaterThanOrEqual(1);
  });

  it("credential stuffing: failed sign-ins for many accounts from one address", async () => {
    const before = await h.prisma.detectorAlert.count({ where: { kind: "credential-stuffing" } });
    for (let k = 0; k < ruleThresholds.credentialStuffing.distinctAccounts; k++) {
      const res = await (await web()).json("POST", "/v1/auth/sign-in", { email: `victim${k}@stuffed.example`, password: "not the password at all" });
      expect([401, 429]).toContain(res.status);
    }
    await h.ctx.detector!.drain();
    expect(await h.prisma.detectorAlert.count({ where: { kind: "credential-stuffing" } })).toBe(before + 1);
  });

  it("a person's session from a new device, not from the device they carry a cookie for", async () => {
    const email = w.acme.people.tenant_member.user.email; // signed in once already, by the fixture
    const first = await (await web()).json<{ deviceCookie: string }>("POST", "/v1/auth/sign-in", { email, password: fixturePassword });
    expect(first.status).toBe(200);
    const userId = w.acme.people.tenant_member.user.id;
    expect((await alertsOf(userId)).map((a) => a.kind)).toEqual(["new-device"]);
    const again = await (await web()).json("POST", "/v1/auth/sign-in", { email, password: fixturePassword, deviceCookie: first.body.deviceCookie });
    expect(again.status).toBe(200);
    expect((await alertsOf(userId)).map((a) => a.kind)).toEqual(["new-device"]);
  });

  it("a sign-in completed with a second factor is watched alike: a new device alerts once, the device it was given does not", async () => {
    const person = w.acme.people.tenant_admin;
    const totp = await enrolTotp(h, person, clock);
    const signInWithCode = async (deviceCookie?: string) => {
      const pending = await beginSignIn(h, person.user.email);
      const done = await (await web()).json<{ deviceCookie: string }>("POST", "/v1/auth/second-factor", { pendingToken: pending.pendingToken, code: totp.codeNow(), ...(deviceCookie ? { deviceCookie } : {}) });
      expect(done.status, JSON.stringify(done.body)).toBe(200);
      clock.advance(30_000); // the next sign-in's code is the next step's
      return done.body.deviceCookie;
    };
    const cookie = await signInWithCode();
    expect((await alertsOf(person.user.id)).map((a) => a.kind)).toEqual(["new-device"]);
    await signInWithCode(cookie);
    expect((await alertsOf(person.user.id)).map((a) => a.kind)).toEqual(["new-device"]);
  });
});

describe("responses act and are reversed from the alert", () => {
  it("enforce mode: the detector suspends the license (its token refused at introspection); reversing reinstates it", async () => {
    const license = await insertLicenseRow(h, { tenantId: w.other.tenant.id, componentId: w.cat.reports.id, tierId: w.cat.pro.id });
    const put = await api(w.admin, "PUT", "/v1/security/detector-settings", { scope: `tenant:${w.other.tenant.id}`, mode: "enforce", responses: ["alert", "suspend"] });
    expect(put.status).toBe(200);
    const { secret, token } = await createTokenViaApi(h, w.admin, license.id, { scopes: [read] });
    for (let k = 0; k < ruleThresholds.warmupObservations; k++) await introspect(secret, { thumbprint: thumb("A") });
    await introspect(secret, { thumbprint: thumb("C") });
    const [alert] = await alertsOf(token.id, "new-certificate");
    expect((await h.prisma.license.findUniqueOrThrow({ where: { id: license.id } })).status).toBe("suspended");
    expect((await introspect(secret, { thumbprint: thumb("A") })).active).toBe(false);

    const admin = w.other.people.tenant_admin;
    const got = await api<{ alert: SecurityAlertDto }>(admin, "GET", `/v1/security/alerts/${alert!.id}`);
    const suspend = got.body.alert.responses.find((r) => r.kind === "suspend");
    expect(suspend).toMatchObject({ state: "applied", target: { licenseId: license.id } });
    const reversed = await api<{ alert: SecurityAlertDto }>(admin, "POST", `/v1/security/alerts/${alert!.id}/responses/${suspend!.id}/reverse`);
    expect(reversed.status).toBe(200);
    expect(reversed.body.alert.responses.find((r) => r.id === suspend!.id)?.state).toBe("reversed");
    expect((await h.prisma.license.findUniqueOrThrow({ where: { id: license.id } })).status).toBe("active");
    expect((await introspect(secret, { thumbprint: thumb("A") })).active).toBe(true);
    // Reversed once: a second click changes nothing.
    expect((await api(admin, "POST", `/v1/security/alerts/${alert!.id}/responses/${suspend!.id}/reverse`)).status).toBe(409);
    const actions = (await h.prisma.outboxEvent.findMany({ select: { payload: true } })).map((e) => (e.payload as { action: string; target: { id: string } | null }));
    expect(actions.filter((a) => a.target?.id === alert!.id).map((a) => a.action)).toEqual(expect.arrayContaining(["detector.alert", "detector.respond", "detector.response_reverse"]));
  });

  it("require step-up, from the alert: the person's sessions answer step-up-required until a second factor is given in each; reversing lifts it; a person with no factor is refused", async () => {
    const person = w.other.people.tenant_member;
    const totp = await enrolTotp(h, person, clock);
    const signInWithCode = async () => {
      const pending = await beginSignIn(h, person.user.email);
      const done = await (await web()).json<{ sessionToken: string }>("POST", "/v1/auth/second-factor", { pendingToken: pending.pendingToken, code: totp.codeNow() });
      expect(done.status, JSON.stringify(done.body)).toBe(200);
      clock.advance(30_000);
      return { user: person.user, bearer: done.body.sessionToken };
    };
    const [here, there] = [await signInWithCode(), await signInWithCode()];
    const [alert] = await alertsOf(person.user.id, "new-device");
    clock.advance(11 * 60_000); // every session's last second factor is older than the step-up window now
    const admin = w.other.people.tenant_admin;
    const applied = await api<{ alert: SecurityAlertDto }>(admin, "POST", `/v1/security/alerts/${alert!.id}/responses`, { kind: "step-up" });
    expect(applied.status, JSON.stringify(applied.body)).toBe(200);
    const stepUp = applied.body.alert.responses.find((r) => r.kind === "step-up");
    expect(stepUp).toMatchObject({ state: "applied", target: { userId: person.user.id } });

    const sessions = async (p: SignedInPerson) => api<{ reason?: string }>(p, "GET", "/v1/me/sessions");
    for (const p of [person, here, there]) expect([(await sessions(p)).status, (await sessions(p)).body.reason]).toEqual([403, "step-up-required"]);
    // What it takes to give a second factor still answers: who I am, my factors, the step-up itself.
    expect((await api(here, "GET", "/v1/me")).status).toBe(200);
    expect((await api(here, "GET", "/v1/me/second-factors")).status).toBe(200);
    const given = await api(here, "POST", "/v1/me/step-up", { code: totp.codeNow() });
    expect(given.status, JSON.stringify(given.body)).toBe(200);
    expect((await sessions(here)).status).toBe(200);
    expect((await sessions(there)).status).toBe(403); // each session gives its own

    const reversed = await api<{ alert: SecurityAlertDto }>(admin, "POST", `/v1/security/alerts/${alert!.id}/responses/${stepUp!.id}/reverse`);
    expect(reversed.status).toBe(200);
    for (const p of [person, here, there]) expect((await sessions(p)).status).toBe(200);
    const refusals = (await h.prisma.outboxEvent.findMany({ select: { payload: true } }))
      .map((e) => e.payload as { action: string; actor: { id: string | null }; data: { reason?: string } })
      .filter((e) => e.action === "authz.refuse" && e.actor.id === person.user.id && e.data.reason === "step-up-required");
    expect(refusals.length).toBeGreaterThan(0);

    // Nobody can be asked for a factor they do not have: refused, nothing marked.
    const plain = w.other.people.district_reviewer ?? w.other.people.tenant_admin;
    const fresh = await (await web()).json<{ sessionToken: string }>("POST", "/v1/auth/sign-in", { email: plain.user.email, password: fixturePassword });
    expect(fresh.status).toBe(200);
    const [plainAlert] = await alertsOf(plain.user.id, "new-device");
    const refused = await api<{ reason?: string }>(admin, "POST", `/v1/security/alerts/${plainAlert!.id}/responses`, { kind: "step-up" });
    expect([refused.status, refused.body.reason]).toEqual([409, "no-second-factor"]);
    expect(await h.prisma.session.count({ where: { userId: plain.user.id, stepUpDemandedAt: { not: null } } })).toBe(0);
  });

  it("shadow mode (the default): the response is recorded, nothing is applied", async () => {
    await api(w.admin, "PUT", "/v1/security/detector-settings", { scope: "default", mode: "shadow", responses: ["suspend"] });
    const t = await warmToken();
    await introspect(t.secret, { thumbprint: thumb("D") });
    const [alert] = await alertsOf(t.id, "new-certificate");
    const responses = await h.prisma.detectorResponse.findMany({ where: { alertId: alert!.id } });
    expect(responses.map((r) => [r.kind, r.state])).toEqual([["suspend", "shadow"]]);
    expect((await h.prisma.license.findUniqueOrThrow({ where: { id: w.licenseId } })).status).toBe("active");
    await api(w.admin, "PUT", "/v1/security/detector-settings", { scope: "default", mode: "shadow", responses: ["alert"] });
  });

  it("throttle from the alert holds the license to the throttled quota; reversing restores its own", async () => {
    const t = await warmToken();
    await introspect(t.secret, { thumbprint: thumb("E") });
    const [alert] = await alertsOf(t.id, "new-certificate");
    const admin = w.acme.people.tenant_admin;
    const applied = await api<{ alert: SecurityAlertDto }>(admin, "POST", `/v1/security/alerts/${alert!.id}/responses`, { kind: "throttle" });
    expect(applied.status).toBe(200);
    expect((await h.prisma.license.findUniqueOrThrow({ where: { id: w.licenseId } })).requestsPerMinute).toBe(10);
    const throttle = applied.body.alert.responses.find((r) => r.kind === "throttle")!;
    expect((await api(admin, "POST", `/v1/security/alerts/${alert!.id}/responses/${throttle.id}/reverse`)).status).toBe(200);
    expect((await h.prisma.license.findUniqueOrThrow({ where: { id: w.licenseId } })).requestsPerMinute).toBeNull();
  });

  it("a new certificate is reported once; 'not an anomaly' allows it in the token's stored baseline for good", async () => {
    const t = await warmToken();
    await introspect(t.secret, { thumbprint: thumb("F") });
    await introspect(t.secret, { thumbprint: thumb("F") });
    const raised = await alertsOf(t.id, "new-certificate");
    expect(raised).toHaveLength(1);
    const decided = await api<{ alert: SecurityAlertDto }>(w.acme.people.tenant_admin, "POST", `/v1/security/alerts/${raised[0]!.id}/decision`, { decision: "not_anomaly" });
    expect(decided.body.alert.state).toBe("not_anomaly");
    const stored = await h.prisma.detectorBaseline.findUniqueOrThrow({ where: { principalKind_principalId: { principalKind: "token", principalId: t.id } } });
    expect(stored.allowed).toEqual({ thumbprints: [thumb("F")] });
    expect((await api(w.acme.people.tenant_admin, "POST", `/v1/security/alerts/${raised[0]!.id}/decision`, { decision: "resolved" })).status).toBe(409);
    await introspect(t.secret, { thumbprint: thumb("F") });
    await introspect(t.secret, { thumbprint: thumb("G") }); // another certificate is still news
    expect(await alertsOf(t.id, "new-certificate")).toHaveLength(2);
  });
});

describe("who may see and act on alerts", () => {
  let acmeAlert: string;
  beforeAll(async () => {
    const t = await warmToken();
    await introspect(t.secret, { thumbprint: thumb("H") });
    acmeAlert = (await alertsOf(t.id, "new-certificate"))[0]!.id;
  });

  it("a tenant's administrator sees their tenant's alerts only, with the chart's counts; a platform administrator sees all", async () => {
    const mine = await api<ListSecurityAlertsResponse>(w.acme.people.tenant_admin, "GET", "/v1/security/alerts?limit=100");
    expect(mine.status).toBe(200);
    expect(mine.body.alerts.length).toBeGreaterThan(0);
    expect(mine.body.alerts.every((a) => a.tenantId === w.acme.tenant.id)).toBe(true);
    expect(mine.body.counts.every((c) => c.tenantId === w.acme.tenant.id)).toBe(true);
    const theirs = await api<ListSecurityAlertsResponse>(w.other.people.tenant_admin, "GET", "/v1/security/alerts?limit=100");
    expect(theirs.body.alerts.some((a) => a.id === acmeAlert)).toBe(false);
    const all = await api<ListSecurityAlertsResponse>(w.admin, "GET", "/v1/security/alerts?limit=2");
    expect(all.body.alerts).toHaveLength(2);
    expect(all.body.nextCursor).not.toBeNull();
    const next = await api<ListSecurityAlertsResponse>(w.admin, "GET", `/v1/security/alerts?limit=2&cursor=${all.body.nextCursor}`);
    expect(next.body.alerts.map((a) => a.id)).not.toContain(all.body.alerts[0]!.id);
    const searched = await api<ListSecurityAlertsResponse>(w.admin, "GET", `/v1/security/alerts?q=${acmeAlert}`);
    expect(searched.body.alerts.map((a) => a.id)).toEqual([acmeAlert]);
  });

  it("another tenant's alert is not found, to read or act on, and nothing changes", async () => {
    const other = w.other.people.tenant_admin;
    expect((await api(other, "GET", `/v1/security/alerts/${acmeAlert}`)).status).toBe(404);
    expect((await api(other, "POST", `/v1/security/alerts/${acmeAlert}/decision`, { decision: "resolved" })).status).toBe(404);
    expect((await api(other, "POST", `/v1/security/alerts/${acmeAlert}/responses`, { kind: "suspend" })).status).toBe(404);
    expect((await h.prisma.detectorAlert.findUniqueOrThrow({ where: { id: acmeAlert } })).state).toBe("open");
    expect(await h.prisma.detectorResponse.count({ where: { alertId: acmeAlert } })).toBe(0);
  });

  it("wrong role, no session, a component, malformed input: refused, nothing changes", async () => {
    expect((await api(w.acme.people.tenant_member, "GET", "/v1/security/alerts")).status).toBe(403);
    expect((await api(w.acme.people.tenant_member, "POST", `/v1/security/alerts/${acmeAlert}/decision`, { decision: "resolved" })).status).toBe(403);
    expect((await api(w.acme.people.tenant_admin, "PUT", "/v1/security/detector-settings", { scope: "default", mode: "enforce", responses: ["suspend"] })).status).toBe(403);
    expect((await api(null, "GET", "/v1/security/alerts")).status).toBe(401);
    expect((await (await h.as("reports-worker")).json("GET", "/v1/security/alerts")).status).toBe(403);
    const admin = w.acme.people.tenant_admin;
    expect((await api(admin, "POST", `/v1/security/alerts/${acmeAlert}/responses`, { kind: "nuke" })).status).toBe(422);
    expect((await api(admin, "POST", `/v1/security/alerts/${acmeAlert}/decision`, { decision: "maybe" })).status).toBe(422);
    expect((await api(admin, "GET", "/v1/security/alerts?limit=lots")).status).toBe(422);
    expect((await api(w.admin, "PUT", "/v1/security/detector-settings", { scope: "everyone", mode: "enforce", responses: [] })).status).toBe(422);
    expect((await api(w.admin, "PUT", "/v1/security/detector-settings", { scope: "tenant:ten_nope", mode: "enforce", responses: [] })).status).toBe(422);
    // A response the alert gives nothing to act on: a token alert names no person to step up.
    expect((await api(admin, "POST", `/v1/security/alerts/${acmeAlert}/responses`, { kind: "step-up" })).status).toBe(409);
    expect((await h.prisma.detectorAlert.findUniqueOrThrow({ where: { id: acmeAlert } })).state).toBe("open");
    expect(await h.prisma.detectorResponse.count({ where: { alertId: acmeAlert } })).toBe(0);
    expect(await h.prisma.detectorSetting.count({ where: { scope: { in: ["everyone", "tenant:ten_nope"] } } })).toBe(0);
  });
});
