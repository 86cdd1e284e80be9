// How the sequence model's flags join the rules' alerts — the one home of that decision, which the
// detector applies and the bench measures (bench/detector: "combined" against "both (union)"). The plain
// union was worse than the better layer alone on three attack kinds: the model's flags on ordinary keys in
// an unusual order cost precision and bring little. So:
//   1. the rules take precedence: a flag on a principal the rules alerted on within the cooldown is
//      merged into that alert as corroborating evidence (once per alert; its source becomes "both");
//   2. otherwise a flag stands alone as a "sequence" alert only when its key is itself unusual: never
//      seen in the model's training, or showing a baseline fact for the first time (a "new-…" part) on a
//      principal past its warm-up (while it is learned, new facts are its normal being learned);
//   3. any other flag is quiet (counted, not raised).
import type { PrincipalKind } from "../../../contracts/security-alert-api";

/** A rules alert as the combination sees it. */
export type RulesAlert = { id: string; principalKind: PrincipalKind; principalId: string; at: number };
/** A model flag as the combination sees it. */
export type Flag = {
  kind: PrincipalKind;
  principalId: string;
  at: number;
  key: string;
  /** The key was never seen in the model's training. */
  unknownKey: boolean;
  /** The principal is past the rules' warm-up (ruleThresholds.warmupObservations), or has no baseline to warm. */
  warm: boolean;
};
export type Decision<F extends Flag> = { flag: F; as: "corroborates"; alertId: string } | { flag: F; as: "alone" } | { flag: F; as: "quiet" };

/** Rule 2: a key that is itself news. */
export const isUnusualKey = (f: Flag) => f.unknownKey || (f.warm && f.key.includes("+new-"));

export function createLayerCombiner(t: { cooldownMs: number; maxCounters: number }) {
  const recent = new Map<string, { alertId: string; at: number; corroborated: boolean }>();
  return {
    /** One batch: the rules alerts it raised (remembered for later batches too) and the model's flags. */
    combine<F extends Flag>(rules: RulesAlert[], flags: F[]): Decision<F>[] {
      for (const r of rules) {
        if (recent.size > t.maxCounters) recent.clear();
        recent.set(`${r.principalKind}:${r.principalId}`, { alertId: r.id, at: r.at, corroborated: false });
      }
      return flags.map((flag): Decision<F> => {
        const r = recent.get(`${flag.kind}:${flag.principalId}`);
        if (r && Math.abs(flag.at - r.at) < t.cooldownMs) {
          if (r.corroborated) return { flag, as: "quiet" };
          r.corroborated = true;
          return { flag, as: "corroborates", alertId: r.alertId };
        }
        return isUnusualKey(flag) ? { flag, as: "alone" } : { flag, as: "quiet" };
      });
    },
  };
}
