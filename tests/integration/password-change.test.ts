// A person changes their own password on the Security page: the current one re-entered (wrong ones count
// on the sign-in throttle), the new one held to the password policy, every other session of theirs ended,
// audited without either password; every refusal changes nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChangePasswordResponse, SignInResponse } from "../../contracts/access-api";
import { wrongPasswordMessage } from "../../contracts/field-messages";
import { authorization, createTenantWithPeople, fixturePassword, signInAs, type SignedInPerson } from "../support/tenant-fixtures";
import { startAccessService, type AccessHarness } from "../support/start-access-service";

type Problem = { code?: string; reason?: string; detail?: string; retryAfterSeconds?: number; fieldErrors?: Record<string, string[]> };

let h: AccessHarness;
beforeAll(async () => {
  h = await startAccessService("password-change");
});
afterAll(async () => h?.close());

const newPassword = "harbour tangerine quilt meridian";
const web = () => h.as("web");
const change = async (p: SignedInPerson | null, body: unknown) => (await web()).json<ChangePasswordResponse & Problem>("POST", "/v1/me/password", body, p ? authorization(p) : undefined);
const me = async (p: SignedInPerson) => (await (await web()).json("GET", "/v1/me", undefined, authorization(p))).status;
const signInStatus = async (email: string, password: string) => (await (await web()).json<SignInResponse>("POST", "/v1/auth/sign-in", { email, password })).status;
const hashOf = async (userId: string) => (await h.prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { passwordHash: true } })).passwordHash;
const events = async (userId: string) =>
  (await h.prisma.outboxEvent.findMany({ orderBy: { createdAt: "asc" } }))
    .map((e) => e.payload as { action: string; outcome: string; actor: { id: string | null }; data: Record<string, unknown> })
    .filter((e) => e.action === "auth.password_change" && e.actor.id === userId);

describe("changing one's password", () => {
  it("stores the new password, ends every other session of the person (not this one, not anyone else's) and audits it without either password", async () => {
    const world = await createTenantWithPeople(h, { slug: "pw-ok" });
    const email = world.people.tenant_admin.user.email;
    const here = await signInAs(h, email);
    const elsewhere = [await signInAs(h, email), world.people.tenant_admin];
    const bystander = world.people.tenant_member;
    const res = await change(here, { currentPassword: fixturePassword, newPassword });
    expect([res.status, res.body.otherSessionsEnded]).toEqual([200, 2]);
    for (const p of elsewhere) expect(await me(p)).toBe(401);
    expect([await me(here), await me(bystander)]).toEqual([200, 200]);
    expect(await signInStatus(email, fixturePassword)).toBe(401);
    expect(await signInStatus(email, newPassword)).toBe(200);
    const [event] = await events(here.user.id);
    expect(event).toMatchObject({ outcome: "success", data: { otherSessionsEnded: 2 } });
    const outbox = JSON.stringify(await h.prisma.outboxEvent.findMany());
    expect(outbox).not.toContain(newPassword);
    expect(outbox).not.toContain(fixturePassword);
    const ended = await h.prisma.session.findMany({ where: { userId: here.user.id, endReason: "password-changed" } });
    expect(ended).toHaveLength(2);
  });

  it("refuses a wrong current password (401 reauth-failed, on the current-password field), counted like a failed sign-in until throttled", async () => {
    const world = await createTenantWithPeople(h, { slug: "pw-wrong" });
    const person = world.people.tenant_member;
    const before = await hashOf(person.user.id);
    const wrong = await change(person, { currentPassword: "not my password at all", newPassword });
    expect([wrong.status, wrong.body.reason, wrong.body.fieldErrors?.currentPassword]).toEqual([401, "reauth-failed", [wrongPasswordMessage]]);
    // The session is fine after a wrong re-entered password.
    expect(await me(person)).toBe(200);
    for (let i = 0; i < 4; i++) await change(person, { currentPassword: "still wrong", newPassword });
    const throttled = await change(person, { currentPassword: fixturePassword, newPassword });
    expect(throttled.status).toBe(429);
    expect(throttled.body.retryAfterSeconds).toBeGreaterThan(0);
    expect(await hashOf(person.user.id)).toBe(before);
    expect((await events(person.user.id)).map((e) => e.data.reason)).toEqual(["reauth-failed", "reauth-failed", "reauth-failed", "reauth-failed", "reauth-failed", "throttled"]);
  });

  it("refuses a new password the policy refuses, or the current one again, on the new-password field, changing nothing", async () => {
    const world = await createTenantWithPeople(h, { slug: "pw-policy" });
    const person = world.people.tenant_admin;
    const before = await hashOf(person.user.id);
    const cases: [string, RegExp][] = [
      ["short words", /at least 15 characters/],
      ["password1234567890", /common or breached|too easy/],
      [person.user.email, /name, e-mail address|too easy/],
      [fixturePassword, /different from your current one/],
    ];
    for (const [candidate, message] of cases) {
      const res = await change(person, { currentPassword: fixturePassword, newPassword: candidate });
      expect([res.status, res.body.code], candidate).toEqual([422, "validation-failed"]);
      expect(res.body.fieldErrors?.newPassword?.[0], candidate).toMatch(message);
    }
    expect(await hashOf(person.user.id)).toBe(before);
    expect(await me(person)).toBe(200);
  });

  it("refuses malformed bodies (missing fields, unknown fields, NUL bytes, too long) with 422 and no event; no session is 401; any caller but the web tier 403", async () => {
    const world = await createTenantWithPeople(h, { slug: "pw-bad" });
    const person = world.people.tenant_member;
    const before = await hashOf(person.user.id);
    const count = await h.prisma.outboxEvent.count();
    for (const body of [
      {},
      { currentPassword: fixturePassword },
      { currentPassword: "", newPassword },
      { currentPassword: fixturePassword, newPassword, role: "platform_admin" },
      { currentPassword: fixturePassword, newPassword: `${newPassword}\u0000` },
      { currentPassword: fixturePassword, newPassword: "x".repeat(1025) },
      "not json at all",
    ]) {
      const res = await change(person, body);
      expect(res.status, JSON.stringify(body)).toBe(422);
    }
    expect(await h.prisma.outboxEvent.count()).toBe(count);
    // Refused callers are audited as refusals (authz.refuse), never as a password change.
    expect((await change(null, { currentPassword: fixturePassword, newPassword })).status).toBe(401);
    expect((await change({ user: person.user, bearer: "tss_forged" }, { currentPassword: fixturePassword, newPassword })).status).toBe(401);
    const worker = await h.as("reports-worker");
    expect((await worker.json("POST", "/v1/me/password", { currentPassword: fixturePassword, newPassword }, authorization(person))).status).toBe(403);
    expect(await hashOf(person.user.id)).toBe(before);
    expect(await events(person.user.id)).toEqual([]);
  });
});
