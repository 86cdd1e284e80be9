// Seats as activations over real mTLS and PostgreSQL: a component activates a seat with the license key
// (or a live token) and a fingerprint; beyond the license's seats it is refused (seats-exhausted) and
// nothing is written; two activations racing for the last seat do not both win; validation with a
// fingerprint answers only for a seat it holds; heartbeats keep a seat and an idle one expires after the
// tier's window (a test clock, no sleeps); components and people release seats; and the negative paths:
// every refusal audited (repeats within a window folded), no certificate, a component that does not serve the license, a caller that is not a component, another
// tenant's people, revoked and expired licenses, revoked tokens, malformed bodies.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ActivateResponse, ListActivationsResponse } from "../../contracts/activation-api";
import type { ValidateLicenseResponse } from "../../contracts/license-api";
import { createMtlsClient } from "../../services/common/http/mtls-client";
import { createLicenseCatalogue, insertLicenseRow, recordedEvents, type LicenseCatalogue } from "../support/license-fixtures";
import { changeEventCount } from "../support/refusal-fixtures";
import { startAccessService, type AccessHarness } from "../support/start-access-service";
import { authorization, createTenantWithPeople, type TenantWithPeople } from "../support/tenant-fixtures";
import { createTestClock, type TestClock } from "../support/test-clock";
import { createTokenViaApi } from "../support/token-fixtures";

let h: AccessHarness;
let clock: TestClock;
let cat: LicenseCatalogue;
let acme: TenantWithPeople;
let other: TenantWithPeople;
const minute = 60_000;
const component = () => h.as("reports-worker");

type Problem = { reason?: string; detail?: string; fieldErrors?: Record<string, string[]> };

beforeAll(async () => {
  clock = createTestClock();
  h = await startAccessService("activations", {}, { now: clock.now });
  cat = await createLicenseCatalogue(h, "act");
  acme = await createTenantWithPeople(h, { slug: "act-acme" });
  other = await createTenantWithPeople(h, { slug: "act-other" });
  // The pro tier's seats expire after 60 idle minutes (the column's default, said here so the test reads alone).
  await h.prisma.serviceTier.update({ where: { id: cat.pro.id }, data: { heartbeatWindowMinutes: 60 } });
});
afterAll(async () => h?.close());

/** A fresh license of its own tenant (one live license per tenant and component), with `seats` seats. */
async function licenseWith(seats: number, status: "active" | "revoked" | "expired" | "suspended" = "active", tenant?: TenantWithPeople) {
  const owner = tenant ?? (await createTenantWithPeople(h, { slug: `act-${Math.random().toString(36).slice(2, 10)}` }));
  const { id, key } = await insertLicenseRow(h, { tenantId: owner.tenant.id, componentId: cat.reports.id, tierId: cat.pro.id, seats, status });
  return { id, key, owner };
}

async function activate(body: Record<string, unknown>, identity = "reports-worker") {
  return (await h.as(identity)).json<ActivateResponse & Problem>("POST", "/v1/activations", body);
}
async function validate(key: string, fingerprint?: string) {
  return (await (await component()).json<ValidateLicenseResponse>("POST", "/v1/licenses/validate", { key, ...(fingerprint ? { fingerprint } : {}) })).body;
}

describe("activating seats", () => {
  it("takes a seat per fingerprint, refreshes a held one, and refuses one beyond the seats, writing only the refusal's audit event", async () => {
    const { id, key } = await licenseWith(2);
    const first = await activate({ key, fingerprint: "laptop-1", name: "Ada's laptop" });
    expect(first.status).toBe(201);
    expect(first.body.activation).toMatchObject({ licenseId: id, fingerprint: "laptop-1", name: "Ada's laptop", activatedBy: "reports-worker", status: "active" });
    expect(first.body.seats).toEqual({ seats: 2, used: 1, heartbeatWindowMinutes: 60 });
    const again = await activate({ key, fingerprint: "laptop-1" });
    expect([again.status, again.body.activation.id, again.body.seats.used]).toEqual([200, first.body.activation.id, 1]);
    expect((await activate({ key, fingerprint: "laptop-2" })).status).toBe(201);
    const events = await changeEventCount(h);
    const refused = await activate({ key, fingerprint: "laptop-3" });
    expect([refused.status, refused.body.reason]).toEqual([409, "seats-exhausted"]);
    expect(refused.body.detail).toMatch(/Every seat of this license is taken \(2 of 2\)/);
    expect(await h.prisma.activation.count({ where: { licenseId: id } })).toBe(2);
    // The one event written is the refusal's own; a retry in the same window adds none (it is counted into the next).
    expect(await changeEventCount(h)).toBe(events + 1);
    expect((await activate({ key, fingerprint: "laptop-3" })).status).toBe(409);
    expect(await changeEventCount(h)).toBe(events + 1);
    const written = await recordedEvents(h, id);
    expect(written.filter((e) => e.action === "activation.create").map((e) => e.data?.fingerprint)).toEqual(["laptop-1", "laptop-2"]);
    expect(written.filter((e) => e.action === "activation.refuse")).toEqual([expect.objectContaining({ outcome: "failure", data: expect.objectContaining({ reason: "seats-exhausted", fingerprint: "laptop-3" }) })]);
  });

  it("lets exactly one of two activations racing for the last seat win", async () => {
    for (let round = 0; round < 4; round++) {
      const { id, key } = await licenseWith(1);
      const [a, b] = [await h.as("reports-worker"), await h.as("reports-worker")];
      const answers = await Promise.all([a.json<Problem>("POST", "/v1/activations", { key, fingerprint: "racer-a" }), b.json<Problem>("POST", "/v1/activations", { key, fingerprint: "racer-b" })]);
      expect(answers.map((r) => r.status).sort()).toEqual([201, 409]);
      expect(answers.find((r) => r.status === 409)?.body.reason).toBe("seats-exhausted");
      expect(await h.prisma.activation.count({ where: { licenseId: id } })).toBe(1);
    }
  });

  it("activates with a live token of the license, not with a revoked one", async () => {
    const { id, key, owner } = await licenseWith(3);
    const { token, secret } = await createTokenViaApi(h, owner.people.tenant_admin, id, { scopes: [`${cat.reports.key}:read`] });
    const byToken = await activate({ token: secret, fingerprint: "ci-runner" });
    expect([byToken.status, byToken.body.activation?.licenseId]).toEqual([201, id]);
    expect((await validate(key, "ci-runner")).valid).toBe(true);
    await h.prisma.token.update({ where: { id: token.id }, data: { revokedAt: new Date() } });
    const revoked = await activate({ token: secret, fingerprint: "ci-runner-2" });
    expect([revoked.status, revoked.body.reason]).toEqual([404, "unknown-key"]);
    const malformedToken = await activate({ token: "tsr_not-a-token", fingerprint: "x" });
    expect([malformedToken.status, malformedToken.body.reason]).toEqual([404, "unknown-key"]);
    expect(await h.prisma.activation.count({ where: { licenseId: id } })).toBe(1);
  });
});

describe("validation with a fingerprint, heartbeats and expiry", () => {
  it("answers only for an activated fingerprint; an idle one expires after the window and frees its seat", async () => {
    const { id, key, owner } = await licenseWith(2);
    expect((await activate({ key, fingerprint: "desk-1" })).status).toBe(201);
    expect((await activate({ key, fingerprint: "desk-2" })).status).toBe(201);
    expect(await validate(key, "desk-1")).toMatchObject({ valid: true, licenseId: id });
    expect(await validate(key, "unknown-desk")).toEqual({ valid: false, reason: "not-activated" });
    expect((await validate(key)).valid).toBe(true); // without a fingerprint: the license alone

    clock.advance(50 * minute);
    const beat = await (await component()).json<ActivateResponse & Problem>("POST", "/v1/activations/heartbeat", { key, fingerprint: "desk-1" });
    expect(beat.status).toBe(200);
    expect(Date.parse(beat.body.activation.lastSeenAt) - Date.parse(beat.body.activation.firstSeenAt)).toBeGreaterThanOrEqual(50 * minute);
    expect(Date.parse(beat.body.activation.expiresAt) - Date.parse(beat.body.activation.lastSeenAt)).toBe(60 * minute);

    clock.advance(30 * minute); // desk-2 idle 80 minutes, desk-1 30
    expect(await validate(key, "desk-2")).toEqual({ valid: false, reason: "activation-expired" });
    expect((await validate(key, "desk-1")).valid).toBe(true);
    const late = await (await component()).json<Problem>("POST", "/v1/activations/heartbeat", { key, fingerprint: "desk-2" });
    expect([late.status, late.body.reason]).toEqual([404, "not-activated"]);
    const web = await h.as("web");
    const listed = await web.json<ListActivationsResponse>("GET", `/v1/licenses/${id}/activations`, undefined, authorization(owner.people.tenant_admin));
    expect(listed.body.activations.map((a) => [a.fingerprint, a.status])).toEqual([["desk-1", "active"], ["desk-2", "expired"]]);
    expect(listed.body.seats.used).toBe(1);
    // The expired seat is free: a new fingerprint takes it, and the idle row is gone.
    expect((await activate({ key, fingerprint: "desk-3" })).status).toBe(201);
    expect((await h.prisma.activation.findMany({ where: { licenseId: id }, orderBy: { fingerprint: "asc" } })).map((a) => a.fingerprint)).toEqual(["desk-1", "desk-3"]);
  });
});

describe("releasing seats", () => {
  it("a component releases a seat it names; validation then refuses the fingerprint; twice is not-activated", async () => {
    const { id, key } = await licenseWith(1);
    expect((await activate({ key, fingerprint: "kiosk" })).status).toBe(201);
    const released = await (await component()).json<Problem & { released?: boolean }>("POST", "/v1/activations/release", { key, fingerprint: "kiosk" });
    expect([released.status, released.body.released]).toEqual([200, true]);
    expect(await validate(key, "kiosk")).toEqual({ valid: false, reason: "not-activated" });
    const twice = await (await component()).json<Problem>("POST", "/v1/activations/release", { key, fingerprint: "kiosk" });
    expect([twice.status, twice.body.reason]).toEqual([404, "not-activated"]);
    expect((await activate({ key, fingerprint: "kiosk-2" })).status).toBe(201); // the seat is free again
    expect((await recordedEvents(h, id)).filter((e) => e.action === "activation.release")).toHaveLength(1);
  });

  it("a tenant's admin lists and releases their license's seats; another tenant's people find nothing; a member may not release", async () => {
    const { id, key, owner } = await licenseWith(2, "active", acme);
    const taken = await activate({ key, fingerprint: "front-desk", name: "Front desk PC" });
    const activationId = taken.body.activation.id;
    const web = await h.as("web");
    const list = await web.json<ListActivationsResponse>("GET", `/v1/licenses/${id}/activations`, undefined, authorization(owner.people.tenant_member));
    expect(list.status).toBe(200);
    expect(list.body.activations).toEqual([expect.objectContaining({ id: activationId, fingerprint: "front-desk", name: "Front desk PC", status: "active" })]);
    const release = `/v1/licenses/${id}/activations/${activationId}/release`;
    expect((await web.json("GET", `/v1/licenses/${id}/activations`, undefined, authorization(other.people.tenant_admin))).status).toBe(404);
    expect((await web.json("POST", release, undefined, authorization(other.people.tenant_admin))).status).toBe(404);
    const member = await web.json<Problem>("POST", release, undefined, authorization(owner.people.tenant_member));
    expect([member.status, member.body.reason]).toEqual([403, "permission-missing"]);
    expect(await h.prisma.activation.count({ where: { id: activationId } })).toBe(1);
    expect((await web.json("POST", release, undefined, authorization(owner.people.tenant_admin))).status).toBe(200);
    expect(await h.prisma.activation.count({ where: { id: activationId } })).toBe(0);
    expect((await web.json("POST", release, undefined, authorization(owner.people.tenant_admin))).status).toBe(404);
    const event = (await recordedEvents(h, id)).find((e) => e.action === "activation.release");
    expect(event?.actor).toMatchObject({ type: "user", id: owner.people.tenant_admin.user.id });
  });
});

describe("a certificate bound to a fingerprint", () => {
  it("carries the fingerprint of a seat it holds; refuses an unknown or idle one, and another tenant's people", async () => {
    const { id, key, owner } = await licenseWith(2);
    expect((await activate({ key, fingerprint: "field-tablet" })).status).toBe(201);
    const web = await h.as("web");
    const path = (fp: string) => `/v1/licenses/${id}/certificate?fingerprint=${encodeURIComponent(fp)}`;
    const bound = await web.json<{ certificate: string }>("GET", path("field-tablet"), undefined, authorization(owner.people.tenant_admin));
    expect(bound.status).toBe(200);
    const claims = JSON.parse(Buffer.from(bound.body.certificate.split(".")[1] ?? "", "base64url").toString("utf8")) as Record<string, unknown>;
    expect(claims).toMatchObject({ sub: id, fingerprint: "field-tablet" });
    const unbound = await web.json<{ certificate: string }>("GET", `/v1/licenses/${id}/certificate`, undefined, authorization(owner.people.tenant_admin));
    expect(JSON.parse(Buffer.from(unbound.body.certificate.split(".")[1] ?? "", "base64url").toString("utf8"))).not.toHaveProperty("fingerprint");
    const unknown = await web.json<Problem>("GET", path("someone-else"), undefined, authorization(owner.people.tenant_admin));
    expect([unknown.status, unknown.body.reason]).toEqual([409, "not-activated"]);
    expect((await web.json("GET", path("field-tablet"), undefined, authorization(other.people.tenant_admin))).status).toBe(404);
    expect((await web.json("GET", path(""), undefined, authorization(owner.people.tenant_admin))).status).toBe(422);
    clock.advance(61 * minute);
    const idle = await web.json<Problem>("GET", path("field-tablet"), undefined, authorization(owner.people.tenant_admin));
    expect([idle.status, idle.body.reason]).toEqual([409, "not-activated"]);
  });
});

describe("refusals", () => {
  it("refuses revoked, suspended and expired licenses with their reason, writing nothing", async () => {
    for (const status of ["revoked", "suspended", "expired"] as const) {
      const { id, key } = await licenseWith(5, status);
      const refused = await activate({ key, fingerprint: "any" });
      expect([refused.status, refused.body.reason]).toEqual([409, status]);
      expect(await h.prisma.activation.count({ where: { licenseId: id } })).toBe(0);
    }
    // A license whose term ended by the service's clock (its status not yet swept) is expired too.
    const ended = await insertLicenseRow(h, { tenantId: (await createTenantWithPeople(h, { slug: "act-ended" })).tenant.id, componentId: cat.reports.id, tierId: cat.pro.id, endsAt: new Date(clock.now().getTime() + minute) });
    expect((await activate({ key: ended.key, fingerprint: "early" })).status).toBe(201);
    clock.advance(2 * minute);
    const late = await activate({ key: ended.key, fingerprint: "late" });
    expect([late.status, late.body.reason]).toEqual([409, "expired"]);
    expect(await validate(ended.key, "early")).toEqual({ valid: false, reason: "expired" });
  });

  it("answers a component that does not serve the license as for an unknown key, and refuses non-components", async () => {
    const { id, key } = await licenseWith(5);
    const foreign = await activate({ key, fingerprint: "x" }, "etl-runner");
    expect([foreign.status, foreign.body.reason]).toEqual([404, "unknown-key"]);
    const unknown = await activate({ key: "tsl_unknown", fingerprint: "x" });
    expect([unknown.status, unknown.body.reason]).toEqual([404, "unknown-key"]);
    for (const path of ["/v1/activations", "/v1/activations/heartbeat", "/v1/activations/release"]) {
      const web = await (await h.as("web")).json<Problem>("POST", path, { key, fingerprint: "x" });
      expect([web.status, web.body.reason]).toEqual([403, "caller-not-admitted"]);
      const foreignBeat = await (await h.as("etl-runner")).json<Problem>("POST", path === "/v1/activations" ? "/v1/activations/heartbeat" : path, { key, fingerprint: "x" });
      expect(foreignBeat.status).toBe(404);
    }
    const bare = createMtlsClient(h.url, { ca: (await h.pki.client("web")).ca } as never);
    await expect(bare.json("POST", "/v1/activations", { key, fingerprint: "x" })).rejects.toThrow();
    await bare.close();
    expect(await h.prisma.activation.count({ where: { licenseId: id } })).toBe(0);
  });

  it("refuses malformed bodies with field messages, writing nothing", async () => {
    const { id, key } = await licenseWith(5);
    const before = await changeEventCount(h);
    for (const body of [{ key }, { key, fingerprint: "" }, { key, fingerprint: "f".repeat(201) }, { fingerprint: "x" }, { key, token: "tsr_x", fingerprint: "x" }, { key, fingerprint: "x", extra: 1 }]) {
      const res = await activate(body);
      expect(res.status, JSON.stringify(body)).toBe(422);
    }
    expect(await h.prisma.activation.count({ where: { licenseId: id } })).toBe(0);
    expect(await changeEventCount(h)).toBe(before);
  });
});
