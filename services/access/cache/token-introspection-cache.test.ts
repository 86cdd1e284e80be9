// The token cache's eviction rules: by token, by license, by tier and by component, and only those.
import { describe, expect, it } from "vitest";
import { parseChange } from "./change";
import type { ChangeSubscriber } from "./change-feed";
import { createTokenIntrospectionCache, type CachedToken } from "./token-introspection-cache";

function fakeFeed() {
  const subscribers = new Set<ChangeSubscriber>();
  return {
    healthy: true,
    subscribe(s: ChangeSubscriber) {
      subscribers.add(s);
      return () => subscribers.delete(s);
    },
    send(payload: string) {
      const change = parseChange(payload);
      if (!change) throw new Error(payload);
      subscribers.forEach((s) => s.change(change));
    },
  };
}

const token = (n: number, over: Partial<CachedToken> = {}): CachedToken => ({
  tokenId: `tok_${n}`,
  licenseId: `lic_${n}`,
  tenantId: "ten_1",
  tierId: "tier_1",
  componentId: "cmp_1",
  component: "reports",
  clientId: null,
  certThumbprint: null,
  scopes: ["reports:read"],
  createdAt: new Date(0),
  expiresAt: new Date("2100-01-01T00:00:00Z"),
  revokedAt: null,
  license: { status: "active", startsAt: new Date(0), endsAt: new Date("2100-01-01T00:00:00Z"), scopes: ["reports:read"], requestsPerMinute: 600 },
  resourceServers: ["reports-worker"],
  ...over,
});

describe("token introspection cache", () => {
  it("evicts by token, license, tier and component, and only those", () => {
    const feed = fakeFeed();
    const cache = createTokenIntrospectionCache({ feed });
    const fill = (digest: string, value: CachedToken) => cache.put(cache.ticket() ?? -1, digest, value);
    fill("a", token(1));
    fill("b", token(2, { licenseId: "lic_shared" }));
    fill("c", token(3, { licenseId: "lic_shared", tierId: "tier_2", componentId: "cmp_2" }));
    feed.send("token:tok_1");
    expect([cache.get("a"), !!cache.get("b"), !!cache.get("c")]).toEqual([undefined, true, true]);
    feed.send("license:lic_shared");
    expect(cache.stats().size).toBe(0);
    fill("b", token(2));
    fill("c", token(3, { tierId: "tier_2", componentId: "cmp_2" }));
    feed.send("tier:tier_2");
    expect([!!cache.get("b"), cache.get("c")]).toEqual([true, undefined]);
    feed.send("component:cmp_1");
    expect(cache.get("b")).toBeUndefined();
  });

  it("refuses a fill when the token changed during the read", () => {
    const feed = fakeFeed();
    const cache = createTokenIntrospectionCache({ feed });
    const ticket = cache.ticket() ?? -1;
    feed.send("token:tok_1");
    expect(cache.put(ticket, "a", token(1))).toBe(false);
    const t2 = cache.ticket() ?? -1;
    feed.send("token:tok_other");
    expect(cache.put(t2, "a", token(1))).toBe(true);
  });
});
