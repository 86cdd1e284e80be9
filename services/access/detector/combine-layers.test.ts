// The combination of the two layers: rules first (a flag on their principal within the cooldown merges,
// once), a flag alone only on an unusual key, quiet otherwise.
import { describe, expect, it } from "vitest";
import { createLayerCombiner, isUnusualKey, type Flag } from "./combine-layers";

const t = { cooldownMs: 10_000, maxCounters: 100 };
const flag = (over: Partial<Flag> = {}): Flag => ({ kind: "token", principalId: "tok_1", at: 1_000, key: "introspection:active", unknownKey: false, warm: true, ...over });
const rules = (over: { id?: string; principalId?: string; at?: number } = {}) => ({ id: "alr_1", principalKind: "token" as const, principalId: "tok_1", at: 1_000, ...over });

describe("combining the model's flags with the rules' alerts", () => {
  it("merges a flag into a rules alert on its principal, in the same batch or a later one within the cooldown, once", () => {
    const c = createLayerCombiner(t);
    expect(c.combine([rules()], [flag()]).map((d) => d.as)).toEqual(["corroborates"]);
    expect(c.combine([], [flag({ at: 5_000, unknownKey: true })]).map((d) => d.as)).toEqual(["quiet"]); // already corroborated
    const d = createLayerCombiner(t);
    d.combine([rules({ id: "alr_2" })], []);
    expect(d.combine([], [flag({ at: 9_000 })])).toMatchObject([{ as: "corroborates", alertId: "alr_2" }]);
  });
  it("lets a flag stand alone only when its key is unusual: unknown to the model or showing a new fact", () => {
    const c = createLayerCombiner(t);
    expect(c.combine([], [flag(), flag({ unknownKey: true }), flag({ key: "introspection:active+new-networks" })]).map((d) => d.as)).toEqual(["quiet", "alone", "alone"]);
  });
  it("does not merge past the cooldown, nor across principals", () => {
    const c = createLayerCombiner(t);
    c.combine([rules()], []);
    expect(c.combine([], [flag({ at: 11_000, unknownKey: true }), flag({ principalId: "tok_2", unknownKey: true })]).map((d) => d.as)).toEqual(["alone", "alone"]);
  });
  it("reads a burst mark as usual, and a new fact during the warm-up too (unless the key was never seen)", () => {
    expect(isUnusualKey(flag({ key: "introspection:active+burst" }))).toBe(false);
    expect(isUnusualKey(flag({ key: "validation:valid+new-scopes", warm: false }))).toBe(false);
    expect(isUnusualKey(flag({ key: "validation:valid+new-scopes", warm: false, unknownKey: true }))).toBe(true);
  });
});
