import { describe, expect, it } from "vitest";
import { AppError } from "../../../common/http/app-error";
import { effectiveStatus, isLive, planLicenseAction, type ActionInput, type LicenseState } from "./license-transitions";

const now = new Date("2026-06-01T12:00:00Z");
const future = new Date("2027-01-01T00:00:00Z");
const past = new Date("2026-01-01T00:00:00Z");
const state = (status: LicenseState["status"], endsAt = future): LicenseState => ({ status, endsAt, tierId: "tier_a", seats: 10 });

function refusal(fn: () => unknown): { code: string; reason?: string } {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError) return { code: e.code, reason: e.extra.reason };
    throw e;
  }
  throw new Error("expected a refusal");
}

describe("effective status", () => {
  it("reads an active license past its end as expired, and leaves the others alone", () => {
    expect(effectiveStatus(state("active", past), now)).toBe("expired");
    expect(effectiveStatus(state("active", now), now)).toBe("expired");
    expect(effectiveStatus(state("active"), now)).toBe("active");
    expect(effectiveStatus(state("suspended", past), now)).toBe("suspended");
    expect(effectiveStatus(state("revoked", past), now)).toBe("revoked");
  });
  it("counts only active or suspended licenses with time left as live", () => {
    expect(isLive(state("active"), now)).toBe(true);
    expect(isLive(state("suspended"), now)).toBe(true);
    expect(isLive(state("active", past), now)).toBe(false);
    expect(isLive(state("expired"), now)).toBe(false);
    expect(isLive(state("revoked"), now)).toBe(false);
  });
});

describe("license transitions", () => {
  const tierB = { id: "tier_b", seats: 4 };
  const every: ActionInput[] = [
    { action: "suspend" },
    { action: "reinstate", tierSeats: 10 },
    { action: "revoke" },
    { action: "renew", endsAt: new Date("2028-01-01T00:00:00Z") },
    { action: "change-tier", tier: tierB },
  ];

  it("refuses every action on a revoked license with license-revoked", () => {
    for (const input of every) expect(refusal(() => planLicenseAction(state("revoked"), input, now))).toEqual({ code: "conflict", reason: "license-revoked" });
  });

  it("suspends only an active license", () => {
    expect(planLicenseAction(state("active"), { action: "suspend" }, now).status).toBe("suspended");
    expect(refusal(() => planLicenseAction(state("suspended"), { action: "suspend" }, now)).reason).toBe("already-suspended");
    expect(refusal(() => planLicenseAction(state("expired", past), { action: "suspend" }, now)).reason).toBe("license-expired");
    expect(refusal(() => planLicenseAction(state("active", past), { action: "suspend" }, now)).reason).toBe("license-expired");
  });

  it("reinstates only a suspended license, to expired when its term is over", () => {
    expect(planLicenseAction(state("suspended"), { action: "reinstate", tierSeats: 10 }, now).status).toBe("active");
    expect(planLicenseAction(state("suspended", past), { action: "reinstate", tierSeats: 10 }, now).status).toBe("expired");
    for (const s of ["active", "expired"] as const) expect(refusal(() => planLicenseAction(state(s), { action: "reinstate", tierSeats: 10 }, now)).reason).toBe("not-suspended");
  });

  it("cuts a reinstated license's seats to its tier's when the tier was lowered while it was suspended (not an expired one's)", () => {
    expect(planLicenseAction(state("suspended"), { action: "reinstate", tierSeats: 4 }, now)).toMatchObject({ status: "active", seats: 4 });
    expect(planLicenseAction(state("suspended"), { action: "reinstate", tierSeats: 40 }, now).seats).toBe(10);
    expect(planLicenseAction(state("suspended", past), { action: "reinstate", tierSeats: 4 }, now)).toMatchObject({ status: "expired", seats: 10 });
  });

  it("renews to a later end in the future; an expired license becomes active, a suspended one stays suspended", () => {
    const later = new Date("2028-01-01T00:00:00Z");
    expect(planLicenseAction(state("active"), { action: "renew", endsAt: later }, now)).toMatchObject({ status: "active", endsAt: later });
    expect(planLicenseAction(state("expired", past), { action: "renew", endsAt: later }, now).status).toBe("active");
    expect(planLicenseAction(state("active", past), { action: "renew", endsAt: later }, now).status).toBe("active");
    expect(planLicenseAction(state("suspended"), { action: "renew", endsAt: later }, now).status).toBe("suspended");
    expect(refusal(() => planLicenseAction(state("active"), { action: "renew", endsAt: new Date("2026-12-01T00:00:00Z") }, now)).code).toBe("validation-failed");
    expect(refusal(() => planLicenseAction(state("expired", past), { action: "renew", endsAt: new Date("2026-03-01T00:00:00Z") }, now)).code).toBe("validation-failed");
  });

  it("changes tier, cutting seats to the new tier's, and refuses the same tier", () => {
    expect(planLicenseAction(state("active"), { action: "change-tier", tier: tierB }, now)).toMatchObject({ tierId: "tier_b", seats: 4, status: "active" });
    expect(planLicenseAction(state("active"), { action: "change-tier", tier: { id: "tier_c", seats: 100 } }, now).seats).toBe(10);
    expect(refusal(() => planLicenseAction(state("active"), { action: "change-tier", tier: { id: "tier_a", seats: 10 } }, now)).reason).toBe("same-tier");
  });

  it("revokes from every other status", () => {
    for (const s of ["active", "suspended", "expired"] as const) expect(planLicenseAction(state(s), { action: "revoke" }, now).status).toBe("revoked");
  });
});
