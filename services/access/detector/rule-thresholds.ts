// Every threshold of the detector's rules, in one place: what counts as learned, as a burst, as far above
// normal. Chosen so a principal's ordinary variation never trips them (bench/detector: false alerts per
// 10 000 normal uses) while each simulated attack does within a second of its first event.
export const ruleThresholds = {
  /** Uses of a principal before its sets (identities, networks, components, devices) are trusted as its normal. */
  warmupObservations: 20,
  /** At most this many values a set keeps (oldest dropped): memory stays bounded per principal. */
  maxSetSize: 64,
  /** Requests a minute against the principal's own exponentially weighted moving average of requests a minute. */
  volume: { alpha: 0.2, factor: 6, minPerMinute: 120, warmupMinutes: 3 },
  /** Refusals of one caller, address or credential within the window (a revoked component retrying). */
  refusalBurst: { windowMs: 60_000, count: 20 },
  /** Unknown or malformed tokens (or unknown license keys) one caller presents within the window. */
  enumeration: { windowMs: 60_000, count: 15 },
  /** Distinct accounts failing to sign in from one address within the window. */
  credentialStuffing: { windowMs: 5 * 60_000, distinctAccounts: 5 },
  /** One alert of a kind per principal within this time; further evidence is counted, not re-alerted. */
  cooldownMs: 10 * 60_000,
  /** Bounded memory of the sliding counters (callers, addresses) between sweeps. */
  maxCounters: 50_000,
} as const;

export type RuleThresholds = {
  warmupObservations: number;
  maxSetSize: number;
  volume: { alpha: number; factor: number; minPerMinute: number; warmupMinutes: number };
  refusalBurst: { windowMs: number; count: number };
  enumeration: { windowMs: number; count: number };
  credentialStuffing: { windowMs: number; distinctAccounts: number };
  cooldownMs: number;
  maxCounters: number;
};
