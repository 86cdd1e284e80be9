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
import { activateSeat } from "../../services/access/domain/activations/activate-seat";
import { createActivationRefusalAudit } from "../../services/access/domain/activations/activation-refusal-audit";
import type { AccessContext } from "../../services/access/domain/context";
import { newId } from "../../services/access/domain/secrets/ids";

let h: AccessHarness;
let clock: TestClock;
let cat: LicenseCatalogue;
let acme: TenantWithPeople;
let other: TenantWithPeople;
const minute = 60_000;
const component = () => h.as("reports-worker");

type Problem = { code?: string; reason?: string; detail?: string; fieldErrors?: Record<string, string[]> };

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

  it("takes a token as introspection does: one none of whose scopes the license carries now names nothing", async () => {
    const { id, owner } = await licenseWith(3);
    const { token, secret } = await createTokenViaApi(h, owner.people.tenant_admin, id, { scopes: [`${cat.reports.key}:read`] });
    expect((await activate({ token: secret, fingerprint: "ci-1" })).status).toBe(201);
    // As after a tier change that dropped every scope the token has: it grants nothing, so it activates nothing.
    await h.prisma.token.update({ where: { id: token.id }, data: { scopes: [`${cat.reports.key}:no-such-scope`] } });
    const inactive = await activate({ token: secret, fingerprint: "ci-2" });
    expect([inactive.status, inactive.body.reason]).toEqual([404, "unknown-key"]);
    const beat = await (await component()).json<Problem>("POST", "/v1/activations/heartbeat", { token: secret, fingerprint: "ci-1" });
    expect([beat.status, beat.body.reason]).toEqual([404, "unknown-key"]);
    // Release needs no grant: the seat can always be given back.
    expect((await (await component()).json("POST", "/v1/activations/release", { token: secret, fingerprint: "ci-1" })).status).toBe(200);
    expect(await h.prisma.activation.count({ where: { licenseId: id } })).toBe(0);
  });

  it("audits a rename on refresh, and counts the idle activations a new one reclaims", async () => {
    const { id, key } = await licenseWith(2);
    expect((await activate({ key, fingerprint: "old-desk", name: "Old desk" })).status).toBe(201);
    expect((await activate({ key, fingerprint: "old-desk", name: "Old desk" })).status).toBe(200); // same name: nothing to audit
    const renamed = await activate({ key, fingerprint: "old-desk", name: "Reception desk" });
    expect([renamed.status, renamed.body.activation.name]).toEqual([200, "Reception desk"]);
    clock.advance(61 * minute);
    expect((await activate({ key, fingerprint: "new-desk" })).status).toBe(201);
    const events = await recordedEvents(h, id);
    expect(events.filter((e) => e.action === "activation.rename").map((e) => e.data)).toEqual([
      expect.objectContaining({ fingerprint: "old-desk", previousName: "Old desk", name: "Reception desk" }),
    ]);
    expect(events.filter((e) => e.action === "activation.create").map((e) => [e.data?.fingerprint, e.data?.reclaimedIdle])).toEqual([["old-desk", 0], ["new-desk", 1]]);
  });

  it("answers a refresh whose seat a release removed in between by taking a seat anew, not with a 500", async () => {
    const { id, key } = await licenseWith(1);
    expect((await activate({ key, fingerprint: "racing" })).status).toBe(201);
    // A release commits (on its own connection) right after the refresh has read the seat: deterministic, no timing.
    let released = false;
    const releaseAfterRead = (tx: object) =>
      new Proxy(tx, {
        get(target, prop) {
          const value = Reflect.get(target, prop) as unknown;
          if (prop !== "activation") return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(target) : value;
          return new Proxy(value as object, {
            get(model, method) {
              const fn = Reflect.get(model, method) as (...a: unknown[]) => Promise<unknown>;
              if (typeof fn !== "function") return fn;
              return async (...args: unknown[]) => {
                const result = await fn.apply(model, args);
                if (!released && (method === "findUnique" || method === "findFirst") && result) {
                  released = true;
                  await h.prisma.activation.deleteMany({ where: { licenseId: id, fingerprint: "racing" } });
                }
                return result;
              };
            },
          });
        },
      });
    const prisma = new Proxy(h.ctx.prisma, {
      get(target, prop) {
        if (prop === "$transaction") return (fn: (tx: object) => Promise<unknown>, options?: object) => target.$transaction((tx) => fn(releaseAfterRead(tx)), options);
        const value = Reflect.get(target, prop) as unknown;
        return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
    const ctx = { ...h.ctx, prisma } as AccessContext;
    const answer = await activateSeat(ctx, createActivationRefusalAudit(), "reports-worker", { key, fingerprint: "racing" }, { sourceIp: null, requestId: null } as never);
    expect(released).toBe(true);
    expect([answer.created, answer.body.seats.used]).toEqual([true, 1]);
    expect(await h.prisma.activation.count({ where: { licenseId: id, fingerprint: "racing" } })).toBe(1);
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

describe("fingerprints are one value however they are spelled", () => {
  it("stores a fingerprint in NFC, so validation with the other spelling of é finds the seat", async () => {
    const { key } = await licenseWith(2);
    const taken = await activate({ key, fingerprint: "cafe\u0301-kiosk" });
    expect([taken.status, taken.body.activation.fingerprint]).toEqual([201, "caf\u00e9-kiosk"]);
    expect((await validate(key, "caf\u00e9-kiosk")).valid).toBe(true);
    expect((await validate(key, "cafe\u0301-kiosk")).valid).toBe(true);
  });
});

describe("heartbeats follow the license's state", () => {
  it("refuses heartbeats of a revoked, suspended or expired license with its reason and keeps the seat's last seen; release still works", async () => {
    for (const status of ["revoked", "suspended", "expired"] as const) {
      const { id, key } = await licenseWith(2);
      expect((await activate({ key, fingerprint: "beat" })).status).toBe(201);
      const before = await h.prisma.activation.findFirstOrThrow({ where: { licenseId: id } });
      clock.advance(minute);
      await h.prisma.license.update({ where: { id }, data: { status } });
      const beat = await (await component()).json<Problem>("POST", "/v1/activations/heartbeat", { key, fingerprint: "beat" });
      expect([beat.status, beat.body.reason], status).toEqual([409, status]);
      expect((await h.prisma.activation.findFirstOrThrow({ where: { licenseId: id } })).lastSeenAt).toEqual(before.lastSeenAt);
      expect((await (await component()).json("POST", "/v1/activations/release", { key, fingerprint: "beat" })).status).toBe(200);
    }
  });
});

describe("listing many activations", () => {
  it("pages through every activation newest-seen first, counts seats in the database, and filters by search and seat state", async () => {
    const { id, key, owner } = await licenseWith(1000);
    const now = clock.now();
    await h.prisma.activation.createMany({
      data: Array.from({ length: 503 }, (_, i) => ({ id: newId("act"), licenseId: id, tenantId: owner.tenant.id, fingerprint: `bulk-${i}`, name: i % 100 === 7 ? `Lab 100%_${i}` : "", activatedBy: "reports-worker", firstSeenAt: now, lastSeenAt: new Date(now.getTime() - Math.floor(i / 2) * 1000) })),
    });
    // Two of them idle beyond the window: held 501 of 503.
    await h.prisma.activation.updateMany({ where: { licenseId: id, fingerprint: { in: ["bulk-0", "bulk-1"] } }, data: { lastSeenAt: new Date(now.getTime() - 61 * minute) } });
    const web = await h.as("web");
    const list = (query: string) => web.json<ListActivationsResponse & Problem>("GET", `/v1/licenses/${id}/activations${query}`, undefined, authorization(owner.people.tenant_admin));

    // Every row exactly once across pages of 100, in last-seen order, although pairs share a last-seen instant.
    const seen: string[] = [];
    let cursor: string | null = null;
    let pagesRead = 0;
    do {
      const page: Awaited<ReturnType<typeof list>> = await list(`?limit=100${cursor ? `&cursor=${cursor}` : ""}`);
      expect(page.status).toBe(200);
      expect([page.body.total, page.body.seats.used]).toEqual([503, 501]);
      seen.push(...page.body.activations.map((a) => a.fingerprint));
      const times = page.body.activations.map((a) => Date.parse(a.lastSeenAt));
      expect(times).toEqual([...times].sort((a, b) => b - a));
      cursor = page.body.nextCursor;
      pagesRead++;
    } while (cursor);
    expect([pagesRead, seen.length, new Set(seen).size]).toEqual([6, 503, 503]);
    expect(seen.slice(-2).sort()).toEqual(["bulk-0", "bulk-1"]);

    const idle = await list("?status=expired");
    expect([idle.body.total, ...idle.body.activations.map((a) => a.status)]).toEqual([2, "expired", "expired"]);
    expect((await list("?status=active")).body.total).toBe(501);
    // A fingerprint's start, or any part of a name; LIKE's % and _ are only themselves.
    expect((await list("?search=bulk-50")).body.activations.map((a) => a.fingerprint).sort()).toEqual(["bulk-50", "bulk-500", "bulk-501", "bulk-502"]);
    expect((await list(`?search=${encodeURIComponent("100%_4")}`)).body.activations.map((a) => a.fingerprint)).toEqual(["bulk-407"]);
    expect((await list(`?search=${encodeURIComponent("%")}`)).body.total).toBe(5);
    expect((await list("?search=nothing-like-this")).body).toMatchObject({ activations: [], total: 0, nextCursor: null, seats: { used: 501 } });

    for (const bad of ["?cursor=garbage", "?limit=0", "?limit=101", "?status=held", `?search=${"x".repeat(201)}`]) {
      const refused = await list(bad);
      expect([refused.status, refused.body.code], bad).toEqual([422, "validation-failed"]);
    }
    expect((await activate({ key, fingerprint: "one-more" })).body.seats.used).toBe(502);
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
    const taken = await activate({ key, fingerprint: "field-tablet" });
    expect(taken.status).toBe(201);
    const web = await h.as("web");
    const path = (fp: string) => `/v1/licenses/${id}/certificate?fingerprint=${encodeURIComponent(fp)}`;
    const bound = await web.json<{ certificate: string; expiresAt: string }>("GET", path("field-tablet"), undefined, authorization(owner.people.tenant_admin));
    expect(bound.status).toBe(200);
    const claims = JSON.parse(Buffer.from(bound.body.certificate.split(".")[1] ?? "", "base64url").toString("utf8")) as Record<string, unknown>;
    expect(claims).toMatchObject({ sub: id, fingerprint: "field-tablet" });
    // It lives only as long as the seat would without a heartbeat, not the license's 90 days: released, it
    // lapses with the seat, so activate → download → release gives no lasting offline machine.
    const seatExpiresAt = Date.parse(taken.body.activation.expiresAt);
    expect([claims.exp, Date.parse(bound.body.expiresAt)]).toEqual([Math.floor(seatExpiresAt / 1000), Math.floor(seatExpiresAt / 1000) * 1000]);
    // A heartbeat renews the seat, and a certificate taken after it runs to the new expiry.
    clock.advance(20 * minute);
    const beat = await (await component()).json<ActivateResponse>("POST", "/v1/activations/heartbeat", { key, fingerprint: "field-tablet" });
    const renewed = await web.json<{ certificate: string; expiresAt: string }>("GET", path("field-tablet"), undefined, authorization(owner.people.tenant_admin));
    expect(Date.parse(renewed.body.expiresAt)).toBe(Math.floor(Date.parse(beat.body.activation.expiresAt) / 1000) * 1000);
    expect(Date.parse(renewed.body.expiresAt) - Date.parse(bound.body.expiresAt)).toBeGreaterThanOrEqual(20 * minute);
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
    // The answer says nothing, but the trail names the license shown in the wrong place, as validation's does.
    const owner = await h.prisma.license.findUniqueOrThrow({ where: { id }, select: { tenantId: true } });
    expect((await recordedEvents(h, id)).filter((e) => e.action === "activation.refuse")).toEqual([
      expect.objectContaining({ actor: expect.objectContaining({ id: "etl-runner" }), tenantId: owner.tenantId, data: expect.objectContaining({ reason: "not-served", fingerprint: "x" }) }),
    ]);
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
    const secretShaped = `tlk_${"A".repeat(43)}`;
    for (const body of [
      { key }, { key, fingerprint: "" }, { key, fingerprint: "f".repeat(201) }, { fingerprint: "x" }, { key, token: "tsr_x", fingerprint: "x" }, { key, fingerprint: "x", extra: 1 },
      { key, fingerprint: "pc\u0000" }, { key, fingerprint: "pc\u0085" }, { key, fingerprint: "pc\u202egpj" }, { key, fingerprint: "pc\ud800" }, { key, fingerprint: "ok", name: "tab\there" },
      { key, fingerprint: secretShaped }, { key, fingerprint: "ok", name: `seat ${secretShaped}` },
    ]) {
      const res = await activate(body);
      expect(res.status, JSON.stringify(body)).toBe(422);
    }
    // A secret-shaped fingerprint with an unknown key is refused at the contract too, not with a 500 when its refusal is audited.
    const unknownKey = await activate({ key: "tlk_unknown", fingerprint: secretShaped });
    expect([unknownKey.status, unknownKey.body.fieldErrors?.fingerprint]).toEqual([422, ["This looks like a Tessera key or token: never put a secret here."]]);
    for (const path of ["/v1/activations/heartbeat", "/v1/activations/release"]) {
      expect((await (await component()).json("POST", path, { key, fingerprint: "pc\u202e" })).status, path).toBe(422);
    }
    expect(await h.prisma.activation.count({ where: { licenseId: id } })).toBe(0);
    expect(await changeEventCount(h)).toBe(before);
  });
});
