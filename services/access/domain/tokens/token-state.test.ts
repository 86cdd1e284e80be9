// The effective-state rule: token revocation and expiry, license state, scopes ∩ the license's current scopes.
import { describe, expect, it } from "vitest";
import { tokenState, type LicenseFacts, type TokenFacts } from "./token-state";

const now = new Date("2030-01-01T12:00:00Z");
const later = new Date("2030-06-01T00:00:00Z");
const earlier = new Date("2029-06-01T00:00:00Z");
const token = (over: Partial<TokenFacts> = {}): TokenFacts => ({ expiresAt: later, revokedAt: null, scopes: ["reports:read", "reports:write"], ...over });
const license = (over: Partial<LicenseFacts> = {}): LicenseFacts => ({ status: "active", startsAt: earlier, endsAt: later, scopes: ["reports:read", "reports:write"], ...over });

describe("token state", () => {
  it("is active with its scopes when nothing stops it", () => {
    expect(tokenState(token(), license(), now)).toEqual({ status: "active", licenseActive: true, active: true, scopes: ["reports:read", "reports:write"] });
  });

  it("is stopped by its own revocation or expiry (revoked wins)", () => {
    expect(tokenState(token({ revokedAt: earlier }), license(), now)).toMatchObject({ status: "revoked", active: false, scopes: [] });
    expect(tokenState(token({ expiresAt: now }), license(), now)).toMatchObject({ status: "expired", active: false, scopes: [] });
    expect(tokenState(token({ expiresAt: earlier, revokedAt: earlier }), license(), now).status).toBe("revoked");
  });

  it("is stopped by a suspended, revoked, expired, overdue or not-yet-started license, keeping its own status", () => {
    for (const l of [license({ status: "suspended" }), license({ status: "revoked" }), license({ status: "expired" }), license({ endsAt: now }), license({ startsAt: later })]) {
      expect(tokenState(token(), l, now)).toEqual({ status: "active", licenseActive: false, active: false, scopes: [] });
    }
  });

  it("comes back when the license is reinstated, unless it was revoked or expired meanwhile", () => {
    expect(tokenState(token(), license({ status: "suspended" }), now).active).toBe(false);
    expect(tokenState(token(), license(), now).active).toBe(true);
    expect(tokenState(token({ revokedAt: earlier }), license(), now).active).toBe(false);
  });

  it("keeps only the scopes the license carries now; none left is inactive", () => {
    expect(tokenState(token(), license({ scopes: ["reports:read"] }), now)).toMatchObject({ active: true, scopes: ["reports:read"] });
    expect(tokenState(token(), license({ scopes: ["etl:run"] }), now)).toMatchObject({ status: "active", active: false, scopes: [] });
  });
});
