// The validation cache's rules without a database: bounds, TTL, eviction by license/tier/component,
// the fill race guard, and bypass while the feed is unhealthy.
import { describe, expect, it } from "vitest";
import { parseChange } from "./change";
import type { ChangeSubscriber } from "./change-feed";
import { createLicenseValidationCache, type CachedLicense } from "./license-validation-cache";

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
    reset: () => subscribers.forEach((s) => s.reset()),
  };
}

const license = (n: number, over: Partial<CachedLicense> = {}): CachedLicense => ({
  licenseId: `lic_${n}`,
  tenantId: "ten_1",
  componentId: "cmp_1",
  component: "reports",
  tierId: "tier_1",
  tier: "pro",
  status: "active",
  startsAt: new Date(0),
  endsAt: new Date("2100-01-01T00:00:00Z"),
  scopes: ["reports:read"],
  requestsPerMinute: 600,
  heartbeatWindowMinutes: 60,
  resourceServers: ["reports-worker"],
  ...over,
});

function setup(options: { maxEntries?: number; ttlMs?: number } = {}) {
  const feed = fakeFeed();
  let clock = 1_000;
  const cache = createLicenseValidationCache({ feed, now: () => clock, ...options });
  const fill = (digest: string, value: CachedLicense) => cache.put(cache.ticket() ?? -1, digest, value);
  return { feed, cache, fill, tick: (ms: number) => (clock += ms) };
}

describe("license validation cache", () => {
  it("answers what was stored, by digest", () => {
    const { cache, fill } = setup();
    expect(cache.get("d1")).toBeUndefined();
    expect(fill("d1", license(1))).toBe(true);
    expect(cache.get("d1")).toEqual(license(1));
    expect(cache.stats()).toMatchObject({ size: 1, hits: 1, misses: 1, fills: 1 });
  });

  it("keeps at most maxEntries, evicting the oldest first", () => {
    const { cache, fill } = setup({ maxEntries: 3 });
    for (let n = 1; n <= 5; n++) fill(`d${n}`, license(n));
    expect(cache.stats().size).toBe(3);
    expect(cache.get("d1")).toBeUndefined();
    expect(cache.get("d2")).toBeUndefined();
    expect(cache.get("d5")?.licenseId).toBe("lic_5");
  });

  it("re-reads after the safety TTL even without a notification", () => {
    const { cache, fill, tick } = setup({ ttlMs: 1_000 });
    fill("d1", license(1));
    tick(999);
    expect(cache.get("d1")).toBeDefined();
    tick(1);
    expect(cache.get("d1")).toBeUndefined();
    expect(cache.stats().size).toBe(0);
  });

  it("evicts by license, by tier and by component, and only those", () => {
    const { cache, fill, feed } = setup();
    fill("a", license(1, { tierId: "tier_a", componentId: "cmp_a" }));
    fill("b", license(2, { tierId: "tier_b", componentId: "cmp_a" }));
    fill("c", license(3, { tierId: "tier_b", componentId: "cmp_c" }));
    feed.send("license:lic_1");
    expect([cache.get("a"), !!cache.get("b"), !!cache.get("c")]).toEqual([undefined, true, true]);
    feed.send("tier:tier_b");
    expect([cache.get("b"), cache.get("c")]).toEqual([undefined, undefined]);
    fill("a", license(1, { tierId: "tier_a", componentId: "cmp_a" }));
    fill("c", license(3, { tierId: "tier_b", componentId: "cmp_c" }));
    feed.send("component:cmp_a");
    expect([cache.get("a"), !!cache.get("c")]).toEqual([undefined, true]);
    feed.send("license:lic_unrelated");
    expect(cache.stats().size).toBe(1);
  });

  it("refuses a fill when a change to what it loaded was notified during the read", () => {
    const { cache, feed } = setup();
    const t1 = cache.ticket() ?? -1;
    feed.send("tier:tier_1"); // committed after the read's snapshot, notified before the fill
    expect(cache.put(t1, "d1", license(1))).toBe(false);
    const t2 = cache.ticket() ?? -1;
    feed.send("license:lic_other");
    expect(cache.put(t2, "d1", license(1))).toBe(true); // an unrelated change does not block it
    const t3 = cache.ticket() ?? -1;
    feed.reset();
    expect(cache.put(t3, "d1", license(1))).toBe(false);
    expect(cache.stats().refusedFills).toBe(2);
  });

  it("is bypassed while the feed is unhealthy, and starts empty after a reset", () => {
    const { cache, fill, feed } = setup();
    fill("d1", license(1));
    feed.healthy = false;
    expect(cache.get("d1")).toBeUndefined();
    expect(cache.ticket()).toBeNull();
    expect(cache.put(0, "d2", license(2))).toBe(false);
    feed.reset();
    feed.healthy = true;
    expect(cache.get("d1")).toBeUndefined();
    expect(cache.stats()).toMatchObject({ size: 0, bypassed: 1 });
  });

  it("index maps stay in step with the entries (no leak through evictions)", () => {
    const { cache, fill, feed } = setup({ maxEntries: 10 });
    for (let n = 0; n < 1_000; n++) fill(`d${n}`, license(n, { tierId: `tier_${n % 7}` }));
    expect(cache.stats().size).toBe(10);
    for (let t = 0; t < 7; t++) feed.send(`tier:tier_${t}`);
    expect(cache.stats().size).toBe(0);
  });
});

describe("change payloads", () => {
  it("parses known kinds and refuses anything else", () => {
    expect(parseChange("license:lic_1")).toEqual({ kind: "license", id: "lic_1" });
    expect(parseChange("tier:tier_x:y")).toEqual({ kind: "tier", id: "tier_x:y" });
    for (const bad of ["", "license", "license:", ":x", "tenants:ten_1", "ping:abc"]) expect(parseChange(bad)).toBeNull();
  });
});
