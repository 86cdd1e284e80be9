// The per-process limiter against a store, on a clock the test sets: one process admits exactly the
// limit per window; two sharing a store never admit more than it together and not much less (one each
// above it at most, when a process's first request of a window finds the window used up); idle slices
// go back; an unreachable store still holds each process to the limit. The fields read back as a client would.
import { describe, expect, it } from "vitest";
import { rateLimitMember } from "../../../../tests/support/structured-fields";
import { memoryLeaseStore, type QuotaLeaseStore } from "./quota-lease-store";
import { rateLimitHeaders } from "./rate-limit-fields";
import { createRequestQuota } from "./request-quota";

const minute = 60_000;
const clockAt = (ms: number) => {
  const clock = { ms, now: () => new Date(clock.ms) };
  return clock;
};

async function admitMany(quota: ReturnType<typeof createRequestQuota>, id: string, limit: number, n: number) {
  let admitted = 0;
  for (let k = 0; k < n; k++) if ((await quota.admit(id, limit)).admitted) admitted++;
  return admitted;
}

describe("one process", () => {
  it("admits exactly the limit in a window, refuses the rest, and admits again in the next window", async () => {
    const clock = clockAt(10 * minute + 5_000);
    const quota = createRequestQuota(memoryLeaseStore(), clock.now, { sweepIntervalMs: 0 });
    expect(await admitMany(quota, "lic_a", 600, 1_000)).toBe(600);
    const refused = await quota.admit("lic_a", 600);
    expect(refused).toEqual({ admitted: false, limit: 600, remaining: 0, resetSeconds: 55 });
    expect(await admitMany(quota, "lic_b", 600, 10), "another license has its own budget").toBe(10);
    clock.ms = 11 * minute;
    expect(await admitMany(quota, "lic_a", 600, 1_000)).toBe(600);
    await quota.close();
  });

  it("admits most requests synchronously (from its slice), not after a store round trip", async () => {
    const quota = createRequestQuota(memoryLeaseStore(), clockAt(minute).now, { sweepIntervalMs: 0 });
    await quota.admit("lic_a", 10_000);
    let sync = 0;
    for (let k = 0; k < 1_000; k++) {
      const d = quota.admit("lic_a", 10_000);
      if (!(d instanceof Promise)) sync++;
      else await d;
    }
    expect(sync).toBeGreaterThan(990);
  });

  it("admits a window's first request at once while the slice is leased, and takes it from that slice", async () => {
    let release: (() => void) | null = null;
    const store = memoryLeaseStore();
    // The first lease waits until the test releases it; the others answer at once.
    const slow: QuotaLeaseStore = {
      lease: (...args) => (release === null ? new Promise((resolve) => (release = () => resolve(store.lease(...args)))) : store.lease(...args)),
      giveBack: store.giveBack,
    };
    const quota = createRequestQuota(slow, clockAt(minute).now, { sweepIntervalMs: 0 });
    const first = quota.admit("lic_a", 100);
    expect(first instanceof Promise, "the first request does not wait on the store").toBe(false);
    expect(first).toMatchObject({ admitted: true });
    const second = quota.admit("lic_a", 100);
    expect(second instanceof Promise, "the next one waits for the slice").toBe(true);
    release!();
    expect((await second).admitted).toBe(true);
    expect(1 + 1 + (await admitMany(quota, "lic_a", 100, 200)), "the borrowed one counts: the window still admits its limit").toBe(100);
  });

  it("below a limit of 50 the first request waits for its slice (borrowing one would be too large a share)", async () => {
    const quota = createRequestQuota(memoryLeaseStore(), clockAt(minute).now, { sweepIntervalMs: 0 });
    expect(quota.admit("lic_a", 49) instanceof Promise).toBe(true);
  });

  it("a limit of 1 admits one request a window", async () => {
    const quota = createRequestQuota(memoryLeaseStore(), clockAt(minute).now, { sweepIntervalMs: 0 });
    expect(await admitMany(quota, "lic_a", 1, 5)).toBe(1);
  });
});

describe("two processes sharing a store", () => {
  it("admit no more than the limit together, and at least 90% of it, under interleaved load", async () => {
    const clock = clockAt(20 * minute);
    const store = memoryLeaseStore();
    const a = createRequestQuota(store, clock.now, { sweepIntervalMs: 0 });
    const b = createRequestQuota(store, clock.now, { sweepIntervalMs: 0 });
    let admitted = 0;
    for (let k = 0; k < 3_000; k++) {
      const d = await (k % 3 === 0 ? b : a).admit("lic_a", 1_000); // uneven: A takes two of three
      if (d.admitted) admitted++;
    }
    expect(admitted).toBeLessThanOrEqual(1_000);
    expect(admitted).toBeGreaterThanOrEqual(900);
  });

  it("an idle process gives its unused slice back, and the busy one gets it", async () => {
    const clock = clockAt(30 * minute);
    const store = memoryLeaseStore();
    const a = createRequestQuota(store, clock.now, { sweepIntervalMs: 0, idleReturnMs: 1_000 });
    const b = createRequestQuota(store, clock.now, { sweepIntervalMs: 0, idleReturnMs: 1_000, recheckMs: 500 });
    await a.admit("lic_a", 100); // A leases a slice and goes quiet
    expect(await admitMany(b, "lic_a", 100, 200)).toBeLessThan(99);
    clock.ms += 1_000;
    await a.sweep();
    expect(await admitMany(b, "lic_a", 100, 200)).toBeGreaterThan(0);
    const total = 1 + (await admitMany(a, "lic_a", 100, 1));
    expect(total).toBeLessThanOrEqual(2);
  });
});

describe("a process whose first request of a window comes after the others used it up", () => {
  it("admits that one request (borrowed before the store answered), then refuses: one above the limit at most", async () => {
    const clock = clockAt(30 * minute);
    const store = memoryLeaseStore();
    const a = createRequestQuota(store, clock.now, { sweepIntervalMs: 0 });
    const b = createRequestQuota(store, clock.now, { sweepIntervalMs: 0 });
    expect(await admitMany(a, "lic_a", 100, 300)).toBe(100);
    expect(await admitMany(b, "lic_a", 100, 300)).toBe(1);
  });
});

describe("when the store cannot be reached", () => {
  it("each process still admits no more than the limit a window", async () => {
    const broken: QuotaLeaseStore = { lease: () => Promise.reject(new Error("down")), giveBack: () => Promise.reject(new Error("down")) };
    const errors: unknown[] = [];
    const quota = createRequestQuota(broken, clockAt(minute).now, { sweepIntervalMs: 0, onStoreDown: (e) => errors.push(e) });
    expect(await admitMany(quota, "lic_a", 50, 200)).toBe(50);
    expect(errors.length).toBeGreaterThan(0);
  });

  it("says so once when the store goes and once when it is back, not per lease", async () => {
    let down = true;
    const store = memoryLeaseStore();
    const flaky: QuotaLeaseStore = {
      lease: (...args) => (down ? Promise.reject(new Error("down")) : store.lease(...args)),
      giveBack: (...args) => (down ? Promise.reject(new Error("down")) : store.giveBack(...args)),
    };
    const said: string[] = [];
    const clock = clockAt(minute);
    const quota = createRequestQuota(flaky, clock.now, { sweepIntervalMs: 0, onStoreDown: () => said.push("down"), onStoreBack: () => said.push("back") });
    await admitMany(quota, "lic_a", 1_000, 100); // a slice of 20: five leases, all failing
    expect(quota.stats().leases).toBeGreaterThan(1);
    down = false;
    await admitMany(quota, "lic_a", 1_000, 100);
    expect(said).toEqual(["down", "back"]);
  });
});

describe("the rate-limit fields", () => {
  it("read back as structured fields: the policy's quota and window, what is left and when it resets", () => {
    const fields = rateLimitHeaders({ admitted: false, limit: 600, remaining: 0, resetSeconds: 12 });
    expect(rateLimitMember(fields["ratelimit-policy"], "license")).toEqual({ q: 600, w: 60 });
    expect(rateLimitMember(fields.ratelimit, "license")).toEqual({ r: 0, t: 12 });
    expect(fields["retry-after"]).toBe("12");
    expect(rateLimitHeaders({ admitted: true, limit: 600, remaining: 10, resetSeconds: 3 })["retry-after"]).toBeUndefined();
  });
});

describe("requests waiting together for a slice", () => {
  it("are all admitted while the window has budget left, though one slice is smaller than their number", async () => {
    const quota = createRequestQuota(memoryLeaseStore(), clockAt(minute).now, { sweepIntervalMs: 0 });
    // A slice of 100/50 = 2: forty concurrent first requests need twenty leases, none is refused meanwhile.
    const decisions = await Promise.all(Array.from({ length: 40 }, () => quota.admit("lic_a", 100)));
    expect(decisions.filter((d) => d.admitted)).toHaveLength(40);
    const rest = await Promise.all(Array.from({ length: 80 }, () => quota.admit("lic_a", 100)));
    expect(rest.filter((d) => d.admitted)).toHaveLength(60);
  });
});
