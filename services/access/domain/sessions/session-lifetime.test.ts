import { describe, expect, it } from "vitest";
import { absoluteLifetimeHours, idleLifetimeMinutes, sessionDto, sessionEndReason } from "./session-lifetime";

const settings = { publicUrl: "http://x", sessionIdleMinutes: 30, sessionAbsoluteHours: 12, setupLinkMinutes: 30, policyNoticeDays: 30 };
const t0 = new Date("2026-01-01T08:00:00Z");
const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);
const session = { lastSeenAt: t0, expiresAt: at(12 * 60), endedAt: null };

describe("session lifetime", () => {
  it("is alive within the idle period", () => {
    expect(sessionEndReason(settings, session, at(29))).toBeNull();
  });
  it("ends after the idle period without use", () => {
    expect(sessionEndReason(settings, session, at(30))).toBe("idle-timeout");
  });
  it("ends at the absolute expiry however recently used", () => {
    expect(sessionEndReason(settings, { ...session, lastSeenAt: at(12 * 60 - 1) }, at(12 * 60))).toBe("absolute-timeout");
  });
  it("stays ended once signed out", () => {
    expect(sessionEndReason(settings, { ...session, endedAt: at(1) }, at(2))).toBe("ended");
  });
  it("never reports an idle expiry beyond the absolute one", () => {
    const dto = sessionDto(settings, { ...session, lastSeenAt: at(12 * 60 - 5) });
    expect(dto.idleExpiresAt).toBe(dto.expiresAt);
  });
});

describe("session lifetime by assurance level (NIST SP 800-63B-4)", () => {
  const long = { ...settings, sessionIdleMinutes: 240, sessionAbsoluteHours: 72 };
  it("holds an AAL2 session to 24 hours and 60 idle minutes whatever is configured; AAL1 keeps the configured ones", () => {
    expect(absoluteLifetimeHours(long, "aal2")).toBe(24);
    expect(absoluteLifetimeHours(long, "aal1")).toBe(72);
    expect(idleLifetimeMinutes(long, "aal2")).toBe(60);
    expect(idleLifetimeMinutes(long, "aal1")).toBe(240);
    expect(sessionEndReason(long, { ...session, expiresAt: at(24 * 60), assuranceLevel: "aal2" }, at(60))).toBe("idle-timeout");
    expect(sessionEndReason(long, { ...session, expiresAt: at(72 * 60), assuranceLevel: "aal1" }, at(60))).toBeNull();
  });
  it("keeps shorter configured lifetimes at AAL2", () => {
    expect(absoluteLifetimeHours(settings, "aal2")).toBe(12);
    expect(idleLifetimeMinutes(settings, "aal2")).toBe(30);
  });
});
