// When a session ends: at its absolute expiry, or after the idle period without use.
import type { AccessSettings } from "../context";

export type SessionTimes = { lastSeenAt: Date; expiresAt: Date; endedAt: Date | null };

export function idleExpiry(settings: AccessSettings, lastSeenAt: Date): Date {
  return new Date(lastSeenAt.getTime() + settings.sessionIdleMinutes * 60_000);
}

export function sessionEndReason(settings: AccessSettings, s: SessionTimes, now: Date): string | null {
  if (s.endedAt) return "ended";
  if (now >= s.expiresAt) return "absolute-timeout";
  if (now >= idleExpiry(settings, s.lastSeenAt)) return "idle-timeout";
  return null;
}

export function sessionDto(settings: AccessSettings, s: SessionTimes) {
  const idle = idleExpiry(settings, s.lastSeenAt);
  return { expiresAt: s.expiresAt.toISOString(), idleExpiresAt: (idle < s.expiresAt ? idle : s.expiresAt).toISOString() };
}
