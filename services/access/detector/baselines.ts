// A principal's learned normal, pure: the values it was seen with (certificate identities, thumbprints,
// networks, components, scopes, devices) and its moving request rate (an EWMA of requests a minute).
// Learned over a warm-up of uses; after it, a value outside the sets is news. What a person marks "not an
// anomaly" is added to `allowed` and is never news again. Stored as JSON in detector_baselines.
import type { PrincipalKind } from "../../../contracts/security-alert-api";
import type { RuleThresholds } from "./rule-thresholds";

export const setNames = ["identities", "thumbprints", "networks", "components", "scopes", "devices"] as const;
export type SetName = (typeof setNames)[number];

export type Baseline = {
  kind: PrincipalKind;
  id: string;
  tenantId: string | null;
  observations: number;
  sets: Record<SetName, string[]>;
  allowed: Partial<Record<SetName, string[]>>;
  rate: { ewma: number; minute: number; count: number; minutesSeen: number; alertedMinute: number };
};

export function emptyBaseline(kind: PrincipalKind, id: string, tenantId: string | null): Baseline {
  return {
    kind, id, tenantId, observations: 0,
    sets: { identities: [], thumbprints: [], networks: [], components: [], scopes: [], devices: [] },
    allowed: {},
    rate: { ewma: 0, minute: -1, count: 0, minutesSeen: 0, alertedMinute: -1 },
  };
}

export const isWarm = (b: Baseline, t: RuleThresholds) => b.observations >= t.warmupObservations;

/** Whether `value` is part of the principal's normal (learned or allowed). */
export function knows(b: Baseline, set: SetName, value: string): boolean {
  return b.sets[set].includes(value) || (b.allowed[set]?.includes(value) ?? false);
}

/** Adds a value to a learned set, dropping the oldest beyond the bound. */
export function learn(b: Baseline, set: SetName, value: string | null, t: RuleThresholds): void {
  if (value === null || b.sets[set].includes(value)) return;
  b.sets[set].push(value);
  if (b.sets[set].length > t.maxSetSize) b.sets[set].shift();
}

/** "Not an anomaly": the value is normal from now on. */
export function allow(b: Baseline, set: SetName, value: string): void {
  const list = (b.allowed[set] ??= []);
  if (!list.includes(value)) list.push(value);
}

/**
 * Counts one request in the principal's current minute; closing a minute folds its count into the EWMA
 * (idle minutes decay it). Answers the current minute's count and the EWMA it is compared against.
 */
export function countRequest(b: Baseline, atMs: number, t: RuleThresholds): { count: number; ewma: number; minute: number } {
  const minute = Math.floor(atMs / 60_000);
  const r = b.rate;
  if (r.minute === -1) {
    r.minute = minute;
    r.count = 0;
  } else if (minute > r.minute) {
    const a = t.volume.alpha;
    r.ewma = r.minutesSeen === 0 ? r.count : a * r.count + (1 - a) * r.ewma;
    const idle = Math.min(minute - r.minute - 1, 1_000);
    if (idle > 0) r.ewma *= (1 - a) ** idle;
    r.minutesSeen++;
    r.minute = minute;
    r.count = 0;
  }
  r.count++;
  return { count: r.count, ewma: r.ewma, minute: r.minute };
}

/** The part of a baseline an alert shows as "the baseline it broke" (bounded, no secret). */
export function baselineSummary(b: Baseline, set?: SetName): Record<string, unknown> {
  return {
    principal: `${b.kind}:${b.id}`,
    observations: b.observations,
    ...(set ? { [set]: b.sets[set].slice(-10), allowed: b.allowed[set] ?? [] } : {}),
    requestsPerMinuteEwma: Math.round(b.rate.ewma * 10) / 10,
  };
}
