// The rules over hand-built events: each fires once its principal is warm and only on what breaks its own
// baseline; what raised an alert is not learned until a person allows it; bursts fire once per window.
import { describe, expect, it } from "vitest";
import { allow, emptyBaseline, type Baseline } from "./baselines";
import type { DetectorEvent } from "./detector-event";
import { networkOf } from "./network-of";
import { ruleThresholds as t } from "./rule-thresholds";
import { createRules, principalsOf } from "./rules";

function world() {
  const rules = createRules(t);
  const baselines = new Map<string, Baseline>();
  const run = (e: DetectorEvent) => {
    for (const p of principalsOf(e)) if (!baselines.has(`${p.kind}:${p.id}`)) baselines.set(`${p.kind}:${p.id}`, emptyBaseline(p.kind, p.id, p.tenantId));
    return rules.evaluate(e, (kind, id) => baselines.get(`${kind}:${id}`));
  };
  return { run, baselines };
}
const use = (at: number, over: Partial<Extract<DetectorEvent, { type: "introspection" }>> = {}): DetectorEvent => ({
  type: "introspection", at, tenantId: "ten_a", caller: "reports-worker", address: "10.1.2.3", tokenId: "tok_1", licenseId: "lic_1", presentedThumbprint: "thumb-a", outcome: "active", ...over,
});
const warmUp = (run: (e: DetectorEvent) => unknown[], n = t.warmupObservations) => {
  for (let k = 0; k < n; k++) expect(run(use(k * 10_000))).toEqual([]);
};

describe("token rules", () => {
  it("a certificate, component or network new to a warm token raises one finding each, with the baseline it broke", () => {
    const { run } = world();
    warmUp(run);
    const at = 500_000;
    expect(run(use(at, { presentedThumbprint: "thumb-b" })).map((f) => f.kind)).toEqual(["new-certificate"]);
    expect(run(use(at, { caller: "etl-worker" })).map((f) => f.kind)).toEqual(["new-component"]);
    const [net] = run(use(at, { address: "203.0.113.9" }));
    expect(net).toMatchObject({ kind: "new-network", principalKind: "token", principalId: "tok_1", licenseId: "lic_1", evidence: { network: "203.0.113.0/24" }, baseline: { networks: ["10.1.2.0/24"] } });
  });

  it("nothing is news during the warm-up, and a new value is news once, not at every later use", () => {
    const { run } = world();
    expect(run(use(0, { presentedThumbprint: "x" }))).toEqual([]);
    warmUp(run);
    expect(run(use(600_000, { presentedThumbprint: "thumb-z" }))).toHaveLength(1);
    expect(run(use(600_001, { presentedThumbprint: "thumb-z" }))).toEqual([]);
  });

  it("'not an anomaly' makes the value normal", () => {
    const { run, baselines } = world();
    warmUp(run);
    allow(baselines.get("token:tok_1")!, "thumbprints", "thumb-z");
    expect(run(use(600_000, { presentedThumbprint: "thumb-z" }))).toEqual([]);
  });

  it("a token presented over a certificate other than its binding is flagged even before warm-up", () => {
    const { run } = world();
    expect(run(use(0, { outcome: "wrong-certificate", presentedThumbprint: "thief" })).map((f) => f.kind)).toEqual(["new-certificate"]);
  });

  it("volume: far above its own moving average, once per minute; ordinary variation is not", () => {
    const { run } = world();
    // 20 a minute for 5 minutes: warm, EWMA ≈ 20.
    for (let m = 0; m < 5; m++) for (let k = 0; k < 20; k++) expect(run(use(m * 60_000 + k * 2_000))).toEqual([]);
    // 40 in the next minute: twice the normal, below the threshold.
    for (let k = 0; k < 40; k++) expect(run(use(5 * 60_000 + k * 1_000))).toEqual([]);
    const burst = [];
    for (let k = 0; k < 400; k++) burst.push(...run(use(6 * 60_000 + k * 100)));
    expect(burst.map((f) => f.kind)).toEqual(["volume"]);
    const { requestsThisMinute, limit } = burst[0]!.evidence as { requestsThisMinute: number; limit: number };
    expect(requestsThisMinute).toBe(limit + 1);
    expect(limit).toBeGreaterThan(t.volume.minPerMinute); // its own baseline (6 × ~24), not only the floor
  });

  it("a revoked token retried is a refusal burst at exactly the threshold", () => {
    const { run } = world();
    const found = [];
    for (let k = 0; k < t.refusalBurst.count + 10; k++) found.push(...run(use(k * 100, { outcome: "revoked" })));
    expect(found.map((f) => f.kind)).toEqual(["refusal-burst"]);
    expect(found[0]!.evidence).toMatchObject({ refusalsInWindow: t.refusalBurst.count, lastReason: "revoked" });
  });
});

describe("callers, addresses and people", () => {
  it("unknown tokens from one caller: enumeration; spread over more than the window: not", () => {
    const { run } = world();
    const slow = [];
    for (let k = 0; k < 30; k++) slow.push(...run(use(k * t.enumeration.windowMs, { tokenId: null, licenseId: null, outcome: "unknown", caller: "slow" })));
    expect(slow).toEqual([]);
    const fast = [];
    for (let k = 0; k < 30; k++) fast.push(...run(use(k * 10, { tokenId: null, licenseId: null, outcome: "unknown", caller: "prober" })));
    expect(fast.map((f) => [f.kind, f.principalKind, f.principalId])).toEqual([["enumeration", "caller", "prober"]]);
  });

  it("failed sign-ins for many accounts from one address: credential stuffing; one account's typos: not", () => {
    const { run } = world();
    const fail = (k: number, email: string, address = "198.51.100.7"): DetectorEvent => ({ type: "sign-in", at: k * 1000, tenantId: null, userId: null, email, address, deviceId: null, rememberedDeviceId: null, outcome: "failure" });
    for (let k = 0; k < 10; k++) expect(run(fail(k, "ann@example.com", "192.0.2.1"))).toEqual([]);
    const found = [];
    for (let k = 0; k < 10; k++) found.push(...run(fail(k, `user${k}@example.com`)));
    expect(found.map((f) => [f.kind, f.principalId])).toEqual([["credential-stuffing", "198.51.100.7"]]);
  });

  it("a person's sign-in from a device never seen, after their first", () => {
    const { run } = world();
    const signIn = (at: number, deviceId: string | null, remembered: string): DetectorEvent => ({ type: "sign-in", at, tenantId: "ten_a", userId: "usr_1", email: "ann@example.com", address: "10.0.0.1", deviceId, rememberedDeviceId: remembered, outcome: "success" });
    expect(run(signIn(0, null, "dev-laptop"))).toEqual([]); // first ever: nothing to compare with
    expect(run(signIn(1, "dev-laptop", "dev-laptop"))).toEqual([]);
    expect(run(signIn(2, null, "dev-phone")).map((f) => f.kind)).toEqual(["new-device"]);
    expect(run(signIn(3, "dev-phone", "dev-phone"))).toEqual([]); // the person proved who they are there
  });
});

describe("networkOf", () => {
  it("IPv4 /24, IPv4-mapped, IPv6 /48, nothing", () => {
    expect(networkOf("10.1.2.3")).toBe("10.1.2.0/24");
    expect(networkOf("::ffff:10.1.2.3")).toBe("10.1.2.0/24");
    expect(networkOf("2001:db8:abcd:12::1")).toBe("2001:db8:abcd::/48");
    expect(networkOf("::1")).toBe("0:0:0::/48");
    expect(networkOf(null)).toBeNull();
    expect(networkOf("not an address")).toBeNull();
  });
});
