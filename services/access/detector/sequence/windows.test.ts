import { describe, expect, it } from "vitest";
import { emptyBaseline } from "../baselines";
import type { DetectorEvent } from "../detector-event";
import { eventKey, sequenceOf } from "./event-keys";
import { buildVocabulary, indexOf, isAnomalous, padIndex, topG, trainingPairs, unknownIndex, windowBefore } from "./windows";

describe("vocabulary", () => {
  it("reserves padding and unknown, orders keys by frequency and maps unseen keys to unknown", () => {
    const v = buildVocabulary([["b", "a", "a"], ["a", "c"]]);
    expect(v.keys).toEqual(["<pad>", "<unknown>", "a", "b", "c"]);
    expect(indexOf(v, "a")).toBe(2);
    expect(indexOf(v, "never")).toBe(unknownIndex);
  });
  it("is bounded", () => {
    expect(buildVocabulary([["a", "b", "c", "d"]], 4).keys).toHaveLength(4);
  });
});

describe("windows", () => {
  it("takes the h previous keys, padded at the start of a sequence", () => {
    expect(windowBefore([5, 6, 7, 8], 0, 3)).toEqual([padIndex, padIndex, padIndex]);
    expect(windowBefore([5, 6, 7, 8], 2, 3)).toEqual([padIndex, 5, 6]);
    expect(windowBefore([5, 6, 7, 8], 3, 3)).toEqual([5, 6, 7]);
  });
  it("labels every position with the key that followed its window", () => {
    expect(trainingPairs([5, 6], 2)).toEqual([{ window: [0, 0], next: 5 }, { window: [0, 5], next: 6 }]);
  });
});

describe("top-g decision", () => {
  const p = [0.01, 0.01, 0.5, 0.1, 0.3, 0.08];
  it("keeps the g most likely keys, most likely first", () => {
    expect(topG(p, 3)).toEqual([2, 4, 3]);
    expect(topG(p, 1)).toEqual([2]);
  });
  it("flags a key outside the top g, and an unknown key always", () => {
    expect(isAnomalous(topG(p, 2), 4)).toBe(false);
    expect(isAnomalous(topG(p, 2), 3)).toBe(true);
    expect(isAnomalous(topG([0, 1, 0], 3), unknownIndex)).toBe(true);
  });
});

describe("event keys", () => {
  const intro = (over: Partial<Extract<DetectorEvent, { type: "introspection" }>> = {}): DetectorEvent => ({
    type: "introspection", at: 10_000, tenantId: "ten_1", caller: "reports", address: "10.1.2.3", tokenId: "tok_1", licenseId: "lic_1", presentedThumbprint: "A", outcome: "active", ...over,
  });
  it("is type and outcome, plus the baseline facts shown for the first time, plus a burst mark", () => {
    const b = emptyBaseline("token", "tok_1", "ten_1");
    expect(eventKey(intro(), b, null)).toBe("introspection:active"); // nothing learned yet: nothing is new
    b.observations = 5;
    b.sets.thumbprints = ["A"];
    b.sets.identities = ["reports"];
    b.sets.networks = ["10.1.2.0/24"];
    expect(eventKey(intro(), b, 1_000)).toBe("introspection:active");
    expect(eventKey(intro({ presentedThumbprint: "B" }), b, 9_500)).toBe("introspection:active+new-thumbprints+burst");
    expect(eventKey(intro({ outcome: "revoked" }), undefined, null)).toBe("introspection:revoked");
  });
  it("puts each event in its principal's sequence: token, license, person, else caller or address", () => {
    expect(sequenceOf(intro())).toMatchObject({ kind: "token", id: "tok_1" });
    expect(sequenceOf(intro({ tokenId: null }))).toMatchObject({ kind: "caller", id: "reports" });
    expect(sequenceOf({ type: "sign-in", at: 0, tenantId: null, userId: null, email: "a@b", address: "1.2.3.4", deviceId: null, rememberedDeviceId: null, outcome: "failure" })).toMatchObject({ kind: "address", id: "1.2.3.4" });
  });
});
