import { describe, expect, it } from "vitest";
import { applyTierUpdate, diffTier, hasChanges, type TierState } from "./tier-changes";
import { licenseScopeKeys, scopeComponentKey, tierScopeKeys } from "./tier-scope-keys";

const current: TierState = {
  name: "Standard",
  description: "",
  seats: 10,
  tokensPerLicense: 5,
  requestsPerMinute: 100,
  tokenDefaultTtlHours: 24,
  tokenMaxTtlHours: 48,
  heartbeatWindowMinutes: 60,
  scopes: ["etl:read", "reports:read"],
};

describe("tier changes", () => {
  it("names scopes added and removed, quota moves and other fields, in a stable order", () => {
    const next = applyTierUpdate(current, { scopes: ["reports:write", "reports:read", "reports:write"], seats: 20, tokenMaxTtlHours: 48, name: "Std" });
    expect(next.scopes).toEqual(["reports:read", "reports:write"]);
    expect(diffTier(current, next)).toEqual({
      scopesAdded: ["reports:write"],
      scopesRemoved: ["etl:read"],
      quotaChanges: [{ field: "seats", from: 10, to: 20 }],
      fieldsChanged: ["name"],
    });
  });

  it("finds nothing to change when every value is the same, and leaves omitted fields alone", () => {
    const next = applyTierUpdate(current, { seats: 10, scopes: ["reports:read", "etl:read"] });
    expect(hasChanges(diffTier(current, next))).toBe(false);
    expect(applyTierUpdate(current, { description: "x" })).toEqual({ ...current, description: "x" });
  });
});

describe("scope derivation", () => {
  it("gives a tier's keys sorted and a license only its own component's", () => {
    const keys = tierScopeKeys({ scopes: [{ scope: { key: "reports:write" } }, { scope: { key: "etl:run" } }, { scope: { key: "reports:read" } }] });
    expect(keys).toEqual(["etl:run", "reports:read", "reports:write"]);
    expect(licenseScopeKeys(keys, "reports")).toEqual(["reports:read", "reports:write"]);
    expect(licenseScopeKeys(keys, "report")).toEqual([]); // a prefix of another key is not a match
    expect(scopeComponentKey("streaming:consume")).toBe("streaming");
  });
});
