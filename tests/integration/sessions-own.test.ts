// A person's own sessions (Security page): where they are signed in, ending one, ending all others.
// Only one's own sessions are visible or revocable (anyone else's is 404); every end is audited and
// goes through the same path as signing out.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ListOwnSessionsResponse } from "../../contracts/access-api";
import { authorization, createTenantWithPeople, fixturePassword, signInAs, type SignedInPerson, type TenantWithPeople } from "../support/tenant-fixtures";
import { startAccessService, type AccessHarness } from "../support/start-access-service";

let h: AccessHarness;
let world: TenantWithPeople;

beforeAll(async () => {
  h = await startAccessService("sessions-own");
  world = await createTenantWithPeople(h, { slug: "so" });
});
afterAll(async () => h?.close());

const web = async () => h.as("web");
const me = async (p: SignedInPerson) => (await (await web()).json("GET", "/v1/me", undefined, authorization(p))).status;
const list = async (p: SignedInPerson) => {
  const res = await (await web()).json<ListOwnSessionsResponse>("GET", "/v1/me/sessions", undefined, authorization(p));
  expect(res.status).toBe(200);
  return res.body.sessions;
};
const revoke = async (p: SignedInPerson, id: string) => (await web()).json<{ code?: string; reason?: string }>("POST", `/v1/me/sessions/${id}/revoke`, undefined, authorization(p));
const sessionIdOf = async (p: SignedInPerson) => {
  const current = (await list(p)).find((s) => s.current);
  if (!current) throw new Error("no current session listed");
  return current.id;
};
const auditActions = async () => (await h.prisma.outboxEvent.findMany()).map((e) => (e.payload as { action: string }).action);

describe("listing one's sessions", () => {
  it("lists the person's live sessions only, the bearer's marked current, none of anyone else's", async () => {
    const email = world.people.tenant_member.user.email;
    const one = await signInAs(h, email);
    const two = await signInAs(h, email);
    const sessions = await list(one);
    const mine = await h.prisma.session.findMany({ where: { userId: one.user.id, endedAt: null } });
    expect(sessions.map((s) => s.id).sort()).toEqual(mine.map((s) => s.id).sort());
    expect(sessions.filter((s) => s.current)).toHaveLength(1);
    expect(sessions.find((s) => s.current)?.id).toBe(await sessionIdOf(one));
    expect(await sessionIdOf(two)).not.toBe(await sessionIdOf(one));
    const others = await h.prisma.session.findMany({ where: { userId: { not: one.user.id } } });
    for (const s of others) expect(sessions.map((x) => x.id)).not.toContain(s.id);
    expect(JSON.stringify(sessions)).not.toMatch(/tss_|digest/);
  });

  it("tells sessions apart by device: browser and system named from the User-Agent at sign-in, which is not kept", async () => {
    const email = world.people.tenant_admin.user.email;
    const firefox = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0";
    const signIn = async (userAgent?: string) => {
      const res = await (await web()).json<{ sessionToken: string; user: SignedInPerson["user"] }>("POST", "/v1/auth/sign-in", { email, password: fixturePassword, ...(userAgent === undefined ? {} : { userAgent }) });
      expect(res.status).toBe(200);
      return { user: res.body.user, bearer: res.body.sessionToken };
    };
    const onWindows = await signIn(firefox);
    await signIn("Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1");
    await signIn();
    const sessions = await list(onWindows);
    expect(sessions.find((s) => s.current)).toMatchObject({ browser: "Firefox 133", system: "Windows" });
    expect(sessions.map((s) => [s.browser, s.system])).toEqual(expect.arrayContaining([["Safari 18", "iOS"], [null, null]]));
    expect(sessions.every((s) => s.createdAt && s.lastSeenAt)).toBe(true);
    const stored = await h.prisma.session.findMany({ where: { userId: onWindows.user.id } });
    expect(JSON.stringify(stored)).not.toContain("Gecko/20100101");
    const tooLong = await (await web()).json<{ code: string }>("POST", "/v1/auth/sign-in", { email, password: fixturePassword, userAgent: "x".repeat(513) });
    expect(tooLong.status).toBe(422);
  });

  it("leaves out ended and timed-out sessions", async () => {
    const email = world.people.district_reviewer.user.email;
    const keep = await signInAs(h, email);
    const idle = await signInAs(h, email);
    const idleId = await sessionIdOf(idle);
    await h.prisma.session.update({ where: { id: idleId }, data: { lastSeenAt: new Date(Date.now() - 31 * 60_000) } });
    expect((await list(keep)).map((s) => s.id)).not.toContain(idleId);
  });
});

describe("ending one of one's sessions", () => {
  it("ends it everywhere at once, audited; the person's other sessions go on", async () => {
    const email = world.people.tenant_admin.user.email;
    const here = await signInAs(h, email);
    const there = await signInAs(h, email);
    const thereId = await sessionIdOf(there);
    expect((await revoke(here, thereId)).status).toBe(204);
    expect(await me(there)).toBe(401);
    expect(await me(here)).toBe(200);
    expect((await list(here)).map((s) => s.id)).not.toContain(thereId);
    expect((await h.prisma.session.findUniqueOrThrow({ where: { id: thereId } })).endReason).toBe("revoked-by-owner");
    expect(await auditActions()).toContain("auth.session_revoke");
    const again = await revoke(here, thereId);
    expect(again.status).toBe(409);
    expect(again.body.reason).toBe("session-already-ended");
  });

  it("answers 404 for someone else's session, an unknown id and a malformed one, and changes nothing", async () => {
    const mine = await signInAs(h, world.people.tenant_member.user.email);
    const theirs = await signInAs(h, world.people.district_reviewer.user.email);
    const theirId = await sessionIdOf(theirs);
    const before = await h.prisma.outboxEvent.count();
    for (const id of [theirId, "ses_unknownunknown", "tok_x", "not-an-id", "ses_%27%3B"]) {
      const res = await revoke(mine, id);
      expect(res.status, id).toBe(404);
      expect(res.headers["content-type"]).toMatch(/problem\+json/);
    }
    expect(await me(theirs)).toBe(200);
    expect(await h.prisma.outboxEvent.count()).toBe(before);
  });

  it("answers 401 without a live session, and 403 to any caller but the web tier", async () => {
    const person = await signInAs(h, world.people.tenant_member.user.email);
    const id = await sessionIdOf(person);
    expect((await (await web()).json("POST", `/v1/me/sessions/${id}/revoke`)).status).toBe(401);
    expect((await (await web()).json("GET", "/v1/me/sessions", undefined, authorization("tss_forged"))).status).toBe(401);
    const worker = await h.as("reports-worker");
    expect((await worker.json("POST", `/v1/me/sessions/${id}/revoke`, undefined, authorization(person))).status).toBe(403);
    expect(await me(person)).toBe(200);
    await (await web()).json("POST", "/v1/auth/sign-out", undefined, authorization(person));
    expect((await (await web()).json("GET", "/v1/me/sessions", undefined, authorization(person))).status).toBe(401);
  });
});

describe("signing out everywhere else", () => {
  it("ends every other live session of the person and keeps the current one and other people's", async () => {
    const email = world.people.district_reviewer.user.email;
    const here = await signInAs(h, email);
    const elsewhere = [await signInAs(h, email), await signInAs(h, email)];
    const bystander = await signInAs(h, world.people.tenant_member.user.email);
    const live = (await list(here)).length;
    const res = await (await web()).json<{ revoked: number }>("POST", "/v1/me/sessions/revoke-others", undefined, authorization(here));
    expect(res.status).toBe(200);
    expect(res.body.revoked).toBe(live - 1);
    for (const p of elsewhere) expect(await me(p)).toBe(401);
    expect(await me(here)).toBe(200);
    expect(await me(bystander)).toBe(200);
    expect((await list(here)).map((s) => s.current)).toEqual([true]);
    const again = await (await web()).json<{ revoked: number }>("POST", "/v1/me/sessions/revoke-others", undefined, authorization(here));
    expect(again.body.revoked).toBe(0);
  });
});
