// When a session ends: at its absolute expiry, or after the idle period without use; both bounded by
// the session's assurance level (contracts/assurance-levels.ts).
import { assurancePolicy, type AssuranceLevel } from "../../../../contracts/assurance-levels";
import type { AccessSettings } from "../context";

export type SessionTimes = { lastSeenAt: Date; expiresAt: Date; endedAt: Date | null; assuranceLevel?: string };

/** Hours from sign-in to the session's absolute end at this level. */
export function absoluteLifetimeHours(settings: AccessSettings, level: AssuranceLevel): number {
  return level === "aal2" ? Math.min(settings.sessionAbsoluteHours, assurancePolicy.aal2MaxAbsoluteHours) : settings.sessionAbsoluteHours;
}

/** Minutes without use after which the session ends at this level. */
export function idleLifetimeMinutes(settings: AccessSettings, level: string | undefined): number {
  return level === "aal2" ? Math.min(settings.sessionIdleMinutes, assurancePolicy.aal2MaxIdleMinutes) : settings.sessionIdleMinutes;
}

export function idleExpiry(settings: AccessSettings, lastSeenAt: Date, level?: string): Date {
  return new Date(lastSeenAt.getTime() + idleLifetimeMinutes(settings, level) * 60_000);
}

export function sessionEndReason(settings: AccessSettings, s: SessionTimes, now: Date): string | null {
  if (s.endedAt) return "ended";
  if (now >= s.expiresAt) return "absolute-timeout";
  if (now >= idleExpiry(settings, s.lastSeenAt, s.assuranceLevel)) return "idle-timeout";
  return null;
}

export function sessionDto(settings: AccessSettings, s: SessionTimes) {
  const idle = idleExpiry(settings, s.lastSeenAt, s.assuranceLevel);
  return { expiresAt: s.expiresAt.toISOString(), idleExpiresAt: (idle < s.expiresAt ? idle : s.expiresAt).toISOString() };
}
