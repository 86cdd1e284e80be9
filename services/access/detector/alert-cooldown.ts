// One alert of a kind per principal within the cooldown (ruleThresholds.cooldownMs): further findings are
// the same story, not news. Bounded: past maxCounters keys it starts over.
import type { RuleThresholds } from "./rule-thresholds";
import type { Finding } from "./rules";

export function createAlertCooldown(t: RuleThresholds): (f: Finding) => boolean {
  const last = new Map<string, number>();
  return (f) => {
    const key = `${f.kind}:${f.principalKind}:${f.principalId}`;
    const at = last.get(key);
    if (at !== undefined && f.at - at < t.cooldownMs) return false;
    if (last.size > t.maxCounters) last.clear();
    last.set(key, f.at);
    return true;
  };
}
