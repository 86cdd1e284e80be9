// Scores what the detector raises on labelled simulated traffic (score-sequences.ts runs the same rules,
// baselines and cooldown, in memory instead of PostgreSQL) and scores what they raise per attack kind.
// An alert counts for the attack kind its alert kind stands for (alertFor below); it is a true positive when
// the event that raised it belongs to an episode of that kind. Recall is over episodes (an episode is
// detected when any of its events raises an alert of its kind); precision over alerts; false alerts are the
// alerts raised by normal events, per 10 000 normal events.
import type { AlertKind } from "../../contracts/security-alert-api";
import { attackKinds, type AttackKind, type Episode, type Labelled } from "./simulate-traffic";

export const alertFor: Partial<Record<AlertKind, AttackKind>> = {
  "new-certificate": "stolen-token",
  "new-network": "stolen-token",
  "new-component": "scope-probing",
  volume: "exfiltration",
  "credential-stuffing": "stuffing",
  "refusal-burst": "revoked-retry",
  enumeration: "enumeration",
};

/** One raised alert: its kind and the labelled event that raised it (index into the traffic). */
export type Raised = { kind: AlertKind; index: number };

export type KindScore = { kind: AttackKind; episodes: number; detected: number; alerts: number; truePositives: number; precision: number; recall: number; f1: number };

/** Which attack kinds an alert stands for (the rules: by its kind, alertFor above). */
export type Attribution = (r: Raised) => readonly AttackKind[];
export const byAlertKind: Attribution = (r) => (alertFor[r.kind] ? [alertFor[r.kind]!] : []);

export function score(traffic: Labelled[], episodes: Episode[], raised: Raised[], attribute: Attribution = byAlertKind): { perKind: KindScore[]; falseAlertsPer10k: number; normalEvents: number; falseAlerts: number } {
  const normalEvents = traffic.filter((l) => l.label === "normal").length;
  const falseAlerts = raised.filter((r) => traffic[r.index]!.label === "normal").length;
  const perKind = attackKinds.map((kind) => {
    const mine = raised.filter((r) => attribute(r).includes(kind));
    const tp = mine.filter((r) => traffic[r.index]!.label === kind);
    const eps = episodes.filter((e) => e.kind === kind);
    const detectedEpisodes = new Set(tp.map((r) => traffic[r.index]!.episode));
    const precision = mine.length ? tp.length / mine.length : 0;
    const recall = eps.length ? detectedEpisodes.size / eps.length : 0;
    const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
    return { kind, episodes: eps.length, detected: detectedEpisodes.size, alerts: mine.length, truePositives: tp.length, precision, recall, f1 };
  });
  return { perKind, falseAlertsPer10k: (falseAlerts / normalEvents) * 10_000, normalEvents, falseAlerts };
}
