// A second import is a sync: for a license imported before, what the Django row says now against what
// Tessera holds. The source is authoritative for an imported license's status (active or not) and expiry;
// a revoked license stays revoked (revocation is final). Pure, so every case is unit-tested.
import type { LicenseStatus } from "../../../../contracts/license-api";
import { effectiveStatus, isLive } from "../licenses/license-transitions";

export type SourceState = { active: boolean; endsAt: Date };
export type HeldState = { status: LicenseStatus; endsAt: Date };

export type SyncPlan =
  | { kind: "unchanged"; status: LicenseStatus }
  | { kind: "kept-revoked" }
  | { kind: "update"; from: HeldState; to: HeldState; becomesLive: boolean };

/** The status a Django row maps to at `now`: past its expiry it is expired, else active or suspended. */
export function sourceStatus(source: SourceState, now: Date): LicenseStatus {
  if (source.endsAt <= now) return "expired";
  return source.active ? "active" : "suspended";
}

export function planSync(held: HeldState, source: SourceState, now: Date): SyncPlan {
  if (held.status === "revoked") return { kind: "kept-revoked" };
  const from: HeldState = { status: effectiveStatus(held, now), endsAt: held.endsAt };
  const to: HeldState = { status: sourceStatus(source, now), endsAt: source.endsAt };
  if (from.status === to.status && from.endsAt.getTime() === to.endsAt.getTime()) return { kind: "unchanged", status: from.status };
  return { kind: "update", from, to, becomesLive: !isLive(held, now) && isLive(to, now) };
}

/** "suspended → active, ends 2031-02-01T00:00:00.000Z → 2032-02-01T00:00:00.000Z": only what changed. */
export function describeSync(from: HeldState, to: HeldState): string {
  const parts: string[] = [];
  if (from.status !== to.status) parts.push(`${from.status} → ${to.status}`);
  if (from.endsAt.getTime() !== to.endsAt.getTime()) parts.push(`ends ${from.endsAt.toISOString()} → ${to.endsAt.toISOString()}`);
  return parts.join(", ");
}
