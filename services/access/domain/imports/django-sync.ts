// A second import is a sync: for a license imported before, what the Django row says now against what the
// last import recorded from it. Only a field the source changed since is applied, so a change made in
// Tessera (a suspension, a renewal) stays; when both changed, the source's new value wins and the report
// says it overrides Tessera's. A revoked license stays revoked (revocation is final). Pure, unit-tested.
import type { LicenseStatus } from "../../../../contracts/license-api";
import { effectiveStatus, isLive } from "../licenses/license-transitions";

export type SourceState = { active: boolean; endsAt: Date };
export type HeldState = { status: LicenseStatus; endsAt: Date };

export type SyncPlan =
  | { kind: "unchanged"; status: LicenseStatus; kept: string[] }
  | { kind: "kept-revoked" }
  /** The source changed, but only to what Tessera already holds: record the source's state, nothing else. */
  | { kind: "agrees"; status: LicenseStatus }
  | { kind: "update"; from: HeldState; to: HeldState; becomesLive: boolean; overrides: string[]; kept: string[] };

/** The status a Django row maps to at `now`: past its expiry it is expired, else active or suspended. */
export function sourceStatus(source: SourceState, now: Date): LicenseStatus {
  if (source.endsAt <= now) return "expired";
  return source.active ? "active" : "suspended";
}

const sameTime = (a: Date, b: Date) => a.getTime() === b.getTime();

/**
 * `last` is the source's state at the last import (null: not recorded, Tessera's state stands for it).
 * A field changed in Tessera is one where what Tessera holds differs from what the last import wrote.
 */
export function planSync(held: HeldState, last: SourceState | null, source: SourceState, now: Date): SyncPlan {
  if (held.status === "revoked") return { kind: "kept-revoked" };
  const from: HeldState = { status: effectiveStatus(held, now), endsAt: held.endsAt };
  const base = last ?? { active: held.status !== "suspended", endsAt: held.endsAt };
  const statusAtSource = source.active !== base.active;
  const endsAtSource = !sameTime(source.endsAt, base.endsAt);
  // An expired status is the clock's (or the import's), not a person's change.
  const statusInTessera = held.status !== "expired" && (held.status === "suspended") === base.active;
  const endsInTessera = !sameTime(held.endsAt, base.endsAt);
  const kept = [
    statusInTessera && !statusAtSource ? `kept Tessera's ${from.status} (the source still says ${source.active ? "active" : "inactive"})` : "",
    endsInTessera && !endsAtSource ? `kept Tessera's end ${held.endsAt.toISOString()} (the source still says ${source.endsAt.toISOString()})` : "",
  ].filter(Boolean);
  if (!statusAtSource && !endsAtSource) return { kind: "unchanged", status: from.status, kept };

  const endsAt = endsAtSource ? source.endsAt : held.endsAt;
  // A status the source changed comes from the source; an expired license whose end the source moved is
  // re-derived from it too (a renewal at the source); otherwise Tessera's status stands at the new end.
  const status = statusAtSource || (endsAtSource && from.status === "expired") ? sourceStatus({ active: source.active, endsAt }, now) : effectiveStatus({ status: held.status, endsAt }, now);
  const to: HeldState = { status, endsAt };
  if (to.status === from.status && sameTime(to.endsAt, from.endsAt)) return { kind: "agrees", status: from.status };
  const overrides = [
    statusAtSource && statusInTessera && to.status !== from.status ? `the source's new status overrides Tessera's ${from.status}` : "",
    endsAtSource && endsInTessera && !sameTime(to.endsAt, from.endsAt) ? `the source's new end overrides Tessera's ${held.endsAt.toISOString()}` : "",
  ].filter(Boolean);
  return { kind: "update", from, to, becomesLive: !isLive(held, now) && isLive(to, now), overrides, kept };
}

/** "suspended → active, ends 2031-02-01T00:00:00.000Z → 2032-02-01T00:00:00.000Z": only what changed. */
export function describeSync(from: HeldState, to: HeldState): string {
  const parts: string[] = [];
  if (from.status !== to.status) parts.push(`${from.status} → ${to.status}`);
  if (from.endsAt.getTime() !== to.endsAt.getTime()) parts.push(`ends ${from.endsAt.toISOString()} → ${to.endsAt.toISOString()}`);
  return parts.join(", ");
}
