// Sessions ride the token machinery: two access services on one PostgreSQL; B authenticates sessions
// from its session cache; ending a session through A (sign-out, removing the person) must make B refuse
// it within one second, measured many times; with B's notification connection killed, B reads the
// database until it has caught up, so it never accepts a session ended meanwhile.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { digestCredential } from "../../services/access/domain/secrets/credential-format";
import { authorization, createTenantWithPeople, signInAs, type SignedInPerson, type TenantWithPeople } from "../support/tenant-fixtures";
import { startAccessService, type AccessHarness } from "../support/start-access-service";
import { describeWindows, staleWindowMs, waitFor } from "../support/validation-cache-fixtures";

let a: AccessHarness;
let b: AccessHarness;
let world: TenantWithPeople;

beforeAll(async () => {
  a = await startAccessService("sessions-propagation");
  b = await startAccessService("", {}, { sameDatabaseAs: a, validationCache: { retryFirstMs: 300, retryMaxMs: 300 } });
  world = await createTenantWithPeople(a, { slug: "sp" });
  expect(await b.validationCache?.feed.whenHealthy(5_000)).toBe(true);
});
afterAll(async () => {
  await b?.close();
  await a?.close();
});

const sessionCache = () => {
  const cache = b.validationCache?.sessionCache;
  if (!cache) throw new Error("B has no session cache");
  return cache;
};

/** GET /v1/me through B as the web tier: the status it answers. */
const meOnB = async (person: SignedInPerson) => (await (await b.as("web")).json("GET", "/v1/me", undefined, authorization(person))).status;

/** Authenticates through B until the answer came from its cache (sign-in's own notification may evict the first fill). */
async function authenticateUntilCached(person: SignedInPerson) {
  for (let attempt = 0; attempt < 50; attempt++) {
    const hits = sessionCache().stats().hits;
    expect(await meOnB(person)).toBe(200);
    if (sessionCache().stats().hits > hits) return;
  }
  throw new Error("B never answered from its cache");
}

const signOutOnA = async (person: SignedInPerson) => {
  const res = await (await a.as("web")).json("POST", "/v1/auth/sign-out", undefined, authorization(person));
  if (res.status !== 204 && res.status !== 200) throw new Error(`sign-out answered ${res.status}`);
};

describe("ending a session through A reaches B's cached sessions", () => {
  it("a sign-out within one second, every time (40 sign-outs)", async () => {
    const windows: number[] = [];
    for (let n = 0; n < 40; n++) {
      const person = await signInAs(a, world.people.tenant_member.user.email);
      await authenticateUntilCached(person);
      const window = await staleWindowMs(() => signOutOnA(person), async () => (await meOnB(person)) === 401);
      expect(await meOnB(person)).toBe(401);
      windows.push(window.afterAck);
    }
    console.log(describeWindows("[session cache] B accepts a session after A acknowledged its sign-out", windows));
    for (const ms of windows) expect(ms).toBeLessThan(1_000);
  });

  it("removing a person ends their cached sessions on B at once", async () => {
    const removed = await createTenantWithPeople(a, { slug: "sp-removed" });
    const person = removed.people.tenant_member;
    await authenticateUntilCached(person);
    const remove = async () => {
      const res = await (await a.as("web")).json("DELETE", `/v1/tenants/${removed.tenant.id}/members/${person.user.id}`, undefined, authorization(removed.people.tenant_admin));
      if (res.status !== 200) throw new Error(`remove answered ${res.status}: ${JSON.stringify(res.body)}`);
    };
    const window = await staleWindowMs(remove, async () => (await meOnB(person)) === 401);
    expect(window.afterAck).toBeLessThan(1_000);
    expect(await meOnB(removed.people.tenant_admin)).toBe(200);
  });

  it("a session that looks idle in B's cache is re-read, not ended, when A has seen it used since", async () => {
    const person = await signInAs(a, world.people.tenant_admin.user.email);
    await authenticateUntilCached(person);
    // A saw the session used a minute ago; B's cached idle clock still says it was last seen 31 minutes ago.
    const longAgo = new Date(Date.now() - 31 * 60_000);
    const entry = sessionCache().get(digestCredential(b.ctx.keys.secretDigest, "session", person.bearer));
    if (!entry) throw new Error("B has not cached the session");
    entry.lastSeenAt = longAgo;
    expect(await meOnB(person)).toBe(200);
    const row = await a.prisma.session.findFirstOrThrow({ where: { userId: person.user.id, endedAt: null }, orderBy: { createdAt: "desc" } });
    expect(row.endedAt).toBeNull();
  });
});

describe("after B's notification connection is killed", () => {
  it("B reads the database while unhealthy, so a session ended meanwhile is refused at once; caching resumes after", async () => {
    const feed = b.validationCache?.feed;
    const one = await signInAs(a, world.people.district_reviewer.user.email);
    await authenticateUntilCached(one);
    const pid = feed?.backendPid;
    if (!pid) throw new Error("B's feed has no connection");
    await a.prisma.$executeRaw`SELECT pg_terminate_backend(${pid}::int)`;
    await waitFor(() => feed?.healthy === false, 2_000, "B's feed to notice");
    await signOutOnA(one); // B hears nothing of this
    const bypassed = sessionCache().stats().bypassed;
    expect(await meOnB(one)).toBe(401);
    expect(sessionCache().stats().bypassed).toBeGreaterThan(bypassed);
    expect(await feed?.whenHealthy(5_000)).toBe(true);
    expect(sessionCache().stats().size, "everything cached before the disconnect was dropped").toBe(0);
    const two = await signInAs(a, world.people.district_reviewer.user.email);
    await authenticateUntilCached(two);
  });
});
