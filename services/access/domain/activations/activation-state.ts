// Whether an activation holds its seat: it does while its last heartbeat is within the tier's window.
// Pure, so activation, heartbeat, validation and the console agree on the same instant.
import type { ActivationDto } from "../../../../contracts/activation-api";

export type ActivationRow = { id: string; licenseId: string; fingerprint: string; name: string; activatedBy: string; firstSeenAt: Date; lastSeenAt: Date };

export const activationSelect = { id: true, licenseId: true, fingerprint: true, name: true, activatedBy: true, firstSeenAt: true, lastSeenAt: true } as const;

export function activationExpiresAt(lastSeenAt: Date, heartbeatWindowMinutes: number): Date {
  return new Date(lastSeenAt.getTime() + heartbeatWindowMinutes * 60_000);
}

export function activationLive(lastSeenAt: Date, heartbeatWindowMinutes: number, now: Date): boolean {
  return activationExpiresAt(lastSeenAt, heartbeatWindowMinutes) > now;
}

/** The `where` of a license's activations that hold a seat now (the others are idle beyond the window). */
export function liveActivationsOf(licenseId: string, heartbeatWindowMinutes: number, now: Date) {
  return { licenseId, lastSeenAt: { gt: new Date(now.getTime() - heartbeatWindowMinutes * 60_000) } };
}

export function toActivationDto(row: ActivationRow, heartbeatWindowMinutes: number, now: Date): ActivationDto {
  return {
    id: row.id,
    licenseId: row.licenseId,
    fingerprint: row.fingerprint,
    name: row.name,
    activatedBy: row.activatedBy,
    firstSeenAt: row.firstSeenAt.toISOString(),
    lastSeenAt: row.lastSeenAt.toISOString(),
    expiresAt: activationExpiresAt(row.lastSeenAt, heartbeatWindowMinutes).toISOString(),
    status: activationLive(row.lastSeenAt, heartbeatWindowMinutes, now) ? "active" : "expired",
  };
}
