// Two access services on one PostgreSQL: B answers introspections from its token cache; a revocation made
// through A (web API, RFC 7009, revoke-all, license suspension) must turn B's answer inactive within one
// second, measured many times; and with B's notification connection killed, B reads the database until
// it has caught up, so it never answers active for a token revoked meanwhile.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registerClientViaApi, tokenRequestAs } from "../support/oauth-fixtures";
import { authorization } from "../support/tenant-fixtures";
import { createTokenViaApi, createTokenWorld, introspectorFor, type Introspector, type TokenWorld } from "../support/token-fixtures";
import { startAccessService, type AccessHarness } from "../support/start-access-service";
import { describeWindows, staleWindowMs, waitFor } from "../support/validation-cache-fixtures";

let a: AccessHarness;
let b: AccessHarness;
let w: TokenWorld;
let viaB: Introspector;
let read: string;
let clientId: string;

beforeAll(async () => {
  a = await startAccessService("tokens-propagation");
  b = await startAccessService("", {}, { sameDatabaseAs: a, validationCache: { retryFirstMs: 300, retryMaxMs: 300 } });
  w = await createTokenWorld(a, "p");
  read = `${w.cat.reports.key}:read`;
  // B is asked as a component would ask it: without waiting for its change feed (that is what is measured).
  viaB = await introspectorFor(b, "reports-worker", { waitForChanges: false });
  expect(await b.validationCache?.feed.whenHealthy(5_000)).toBe(true);
  await a.prisma.serviceTier.update({ where: { id: w.cat.pro.id }, data: { tokensPerLicense: 1_000 } });
  // RFC 7009 revokes only tokens issued to the client asking: that scenario's tokens come from this client.
  clientId = (await registerClientViaApi(a, w.admin, w.licenseId, { name: "Propagation", certIdentity: "prop-client", scopes: [read], tokenTtlSeconds: 600 })).id;
});
afterAll(async () => {
  await b?.close();
  await a?.close();
});

const tokenCache = () => {
  const cache = b.validationCache?.tokenCache;
  if (!cache) throw new Error("B has no token cache");
  return cache;
};

/** Introspects through B until the answer came from its cache (creation's own notification may evict the first fill). */
async function introspectUntilCached(secret: string) {
  for (let attempt = 0; attempt < 50; attempt++) {
    const hits = tokenCache().stats().hits;
    expect((await viaB(secret)).active).toBe(true);
    if (tokenCache().stats().hits > hits) return;
  }
  throw new Error("B never answered from its cache");
}

const webA = async (path: string) => {
  const res = await (await a.as("web")).json("POST", path, undefined, authorization(w.admin));
  if (res.status !== 200) throw new Error(`POST ${path} answered ${res.status}: ${JSON.stringify(res.body)}`);
};
const componentA = async (secret: string) => {
  const res = await (await a.as("prop-client")).raw("POST", "/oauth/revoke", new URLSearchParams({ token: secret }).toString(), { "content-type": "application/x-www-form-urlencoded" });
  if (res.status !== 200) throw new Error(`revoke answered ${res.status}`);
};

type Issued = { token: { id: string }; secret: string };
type Scenario = { name: string; change(token: { id: string; secret: string }): Promise<unknown>; after?: () => Promise<unknown>; issue?: () => Promise<Issued> };

/** A token obtained by the OAuth client through the client-credentials grant at A. */
async function clientToken(): Promise<Issued> {
  const res = await tokenRequestAs(a, "prop-client", { grant_type: "client_credentials", client_id: clientId });
  if (res.status !== 200) throw new Error(`token endpoint answered ${res.status}`);
  const secret = String(res.body.access_token);
  const row = await a.prisma.token.findFirstOrThrow({ where: { clientId }, orderBy: { createdAt: "desc" }, select: { id: true } });
  return { token: row, secret };
}
const scenarios: Scenario[] = [
  { name: "revoke (web API)", change: (t) => webA(`/v1/tokens/${t.id}/revoke`) },
  { name: "revoke (RFC 7009, by the client it was issued to)", change: (t) => componentA(t.secret), issue: clientToken },
  { name: "revoke all (web API)", change: () => webA(`/v1/licenses/${w.licenseId}/tokens/revoke-all`) },
  { name: "license suspended (web API)", change: () => webA(`/v1/licenses/${w.licenseId}/suspend`), after: () => webA(`/v1/licenses/${w.licenseId}/reinstate`) },
  { name: "rotated with no grace (web API)", change: (t) => (async () => (await a.as("web")).json("POST", `/v1/tokens/${t.id}/rotate`, { graceHours: 0 }, authorization(w.admin)))() },
];

describe("a revocation through A reaches B's cached answers", () => {
  it("within one second, every time (50 changes of five kinds)", async () => {
    const windows: number[] = [];
    const byKind = new Map<string, number[]>();
    for (let n = 0; n < 50; n++) {
      const s = scenarios[n % scenarios.length];
      const { token, secret } = await (s.issue?.() ?? createTokenViaApi(a, w.admin, w.licenseId, { scopes: [read] }));
      await introspectUntilCached(secret);
      const window = await staleWindowMs(() => s.change({ id: token.id, secret }), async () => !(await viaB(secret)).active);
      expect(await viaB(secret), s.name).toEqual({ active: false });
      await s.after?.();
      windows.push(window.afterAck);
      byKind.set(s.name, [...(byKind.get(s.name) ?? []), window.afterAck]);
    }
    console.log(describeWindows("[token cache] B answers active after A acknowledged the revocation", windows));
    for (const [kind, samples] of byKind) console.log(describeWindows(`  after ack, ${kind}`, samples));
    for (const ms of windows) expect(ms).toBeLessThan(1_000);
  });
});

describe("after B's notification connection is killed", () => {
  it("B reads the database while unhealthy, so a token revoked meanwhile is inactive at once; caching resumes after", async () => {
    const feed = b.validationCache?.feed;
    const one = await createTokenViaApi(a, w.admin, w.licenseId, { scopes: [read] });
    await introspectUntilCached(one.secret);
    const pid = feed?.backendPid;
    if (!pid) throw new Error("B's feed has no connection");
    await a.prisma.$executeRaw`SELECT pg_terminate_backend(${pid}::int)`;
    await waitFor(() => feed?.healthy === false, 2_000, "B's feed to notice");
    await webA(`/v1/tokens/${one.token.id}/revoke`); // B hears nothing of this
    const bypassed = tokenCache().stats().bypassed;
    expect(await viaB(one.secret)).toEqual({ active: false });
    expect(tokenCache().stats().bypassed).toBe(bypassed + 1);
    expect(await feed?.whenHealthy(5_000)).toBe(true);
    expect(tokenCache().stats().size, "everything cached before the disconnect was dropped").toBe(0);
    const two = await createTokenViaApi(a, w.admin, w.licenseId, { scopes: [read] });
    await introspectUntilCached(two.secret);
  });
});
