// The sequence model on labelled simulated traffic, as the service runs it: every event keyed against the
// rules' baselines as they were before it (the same rules run alongside to keep them), one model per kind
// of principal trained on the normal traffic of a *different* simulation seed, then each scored event
// flagged when its key is not among the model's top g after its principal's previous h keys; one alert
// per principal within the rules' cooldown, like the rules.
import { createAlertCooldown } from "../../services/access/detector/alert-cooldown";
import { emptyBaseline, isWarm, type Baseline } from "../../services/access/detector/baselines";
import { ruleThresholds } from "../../services/access/detector/rule-thresholds";
import { createRules, principalsOf } from "../../services/access/detector/rules";
import { createLayerCombiner } from "../../services/access/detector/combine-layers";
import type { PrincipalKind } from "../../contracts/security-alert-api";
import { eventKey, sequenceKinds, sequenceOf, type SequenceKind } from "../../services/access/detector/sequence/event-keys";
import { defaultSequenceConfig, trainSequenceModel, type SequenceModel } from "../../services/access/detector/sequence/sequence-model";
import { createSequenceTracker } from "../../services/access/detector/sequence/sequence-tracker";
import { buildVocabulary, indexOf, unknownIndex } from "../../services/access/detector/sequence/windows";
import { byAlertKind, type Attribution, type Raised } from "./score-detections";
import type { AttackKind, Labelled } from "./simulate-traffic";

/** warm: the principal past the rules' warm-up (or without a baseline), as the live detector tells the combination. */
export type Keyed = { kind: SequenceKind; id: string; at: number; key: string; warm: boolean } | null;
/** A rules alert with its principal (the combination merges model flags into it). */
export type RulesRaised = Raised & { principalKind: PrincipalKind; principalId: string };

/** Each event's sequence and key, and the rules' alerts on the way (they keep the baselines the keys read). */
export function keyTraffic(traffic: Labelled[]): { keyed: Keyed[]; raised: RulesRaised[] } {
  const rules = createRules(ruleThresholds);
  const isNews = createAlertCooldown(ruleThresholds);
  const baselines = new Map<string, Baseline>();
  const tracker = createSequenceTracker(1);
  const raised: RulesRaised[] = [];
  const keyed = traffic.map(({ event }, index): Keyed => {
    for (const p of principalsOf(event)) if (!baselines.has(`${p.kind}:${p.id}`)) baselines.set(`${p.kind}:${p.id}`, emptyBaseline(p.kind, p.id, p.tenantId));
    const s = sequenceOf(event);
    const b = s ? baselines.get(`${s.kind}:${s.id}`) : undefined;
    const k = s ? { kind: s.kind, id: s.id, at: event.at, key: eventKey(event, b, tracker.previousAt(s.kind, s.id)), warm: !b || isWarm(b, ruleThresholds) } : null;
    if (s) tracker.advance(s.kind, s.id, event.at, 0);
    for (const f of rules.evaluate(event, (kind, id) => baselines.get(`${kind}:${id}`))) if (isNews(f)) raised.push({ kind: f.kind, index, principalKind: f.principalKind, principalId: f.principalId });
    return k;
  });
  return { keyed, raised };
}

/** One model per kind of principal, trained on the keyed normal traffic of the training simulation. */
export async function trainModels(training: Labelled[]): Promise<{ models: Map<SequenceKind, SequenceModel>; trainMs: number; examples: number }> {
  const { keyed } = keyTraffic(training.filter((l) => l.label === "normal"));
  const models = new Map<SequenceKind, SequenceModel>();
  const started = Date.now();
  let examples = 0;
  for (const kind of sequenceKinds) {
    const byPrincipal = new Map<string, string[]>();
    for (const k of keyed) if (k?.kind === kind) (byPrincipal.get(k.id) ?? byPrincipal.set(k.id, []).get(k.id)!).push(k.key);
    if (byPrincipal.size === 0) continue;
    const vocabulary = buildVocabulary(byPrincipal.values());
    const { model, metrics } = await trainSequenceModel([...byPrincipal.values()].map((s) => s.map((key) => indexOf(vocabulary, key))), vocabulary);
    examples += metrics.examples;
    models.set(kind, model);
  }
  return { models, trainMs: Date.now() - started, examples };
}

/** The model's alerts on the scored traffic, and what scoring cost (ms per 1 000 events, in batches of 2 000 as the detector takes them). */
/** Events per detector batch (the live detector takes up to 2 000 at a time). */
const batch = 2_000;

export function runModel(keyed: Keyed[], models: Map<SequenceKind, SequenceModel>): { raised: Raised[]; msPer1000: number; flaggedByBatch: { index: number; unknownKey: boolean }[][] } {
  const tracker = createSequenceTracker(defaultSequenceConfig.h);
  const isNews = createAlertCooldown(ruleThresholds);
  const raised: Raised[] = [];
  const flaggedByBatch: { index: number; unknownKey: boolean }[][] = [];
  let scoringMs = 0;
  for (let from = 0; from < keyed.length; from += batch) {
    const perKind = new Map<SequenceKind, { windows: number[][]; actual: number[]; index: number[] }>();
    for (let i = from; i < Math.min(keyed.length, from + batch); i++) {
      const k = keyed[i];
      const model = k ? models.get(k.kind) : undefined;
      if (!k || !model) continue;
      const actual = indexOf(model.vocabulary, k.key);
      const window = tracker.advance(k.kind, k.id, k.at, actual);
      const slot = perKind.get(k.kind) ?? perKind.set(k.kind, { windows: [], actual: [], index: [] }).get(k.kind)!;
      slot.windows.push(window);
      slot.actual.push(actual);
      slot.index.push(i);
    }
    const started = performance.now();
    const flagged: number[] = [];
    for (const [kind, s] of perKind) models.get(kind)!.score(s.windows, s.actual).forEach((bad, j) => bad && flagged.push(s.index[j]!));
    scoringMs += performance.now() - started;
    flagged.sort((a, b) => a - b);
    flaggedByBatch.push(flagged.map((i) => ({ index: i, unknownKey: indexOf(models.get(keyed[i]!.kind)!.vocabulary, keyed[i]!.key) === unknownIndex })));
    for (const i of flagged) {
      const k = keyed[i]!;
      if (isNews({ kind: "sequence", principalKind: k.kind, principalId: k.id, tenantId: null, licenseId: null, at: k.at, evidence: {}, baseline: {} })) raised.push({ kind: "sequence", index: i });
    }
  }
  return { raised, msPer1000: (scoringMs / keyed.length) * 1_000, flaggedByBatch };
}

/**
 * The layers combined as the live detector combines them (services/access/detector/combine-layers.ts),
 * batch by batch: the rules' alerts, plus the model's flags that stand alone (after the cooldown);
 * flags merged into a rules alert add no alert.
 */
export function combineLayers(traffic: Labelled[], keyed: Keyed[], rules: RulesRaised[], flaggedByBatch: { index: number; unknownKey: boolean }[][]): { raised: Raised[]; corroborated: number; quiet: number } {
  const combiner = createLayerCombiner(ruleThresholds);
  const isNews = createAlertCooldown(ruleThresholds);
  const raised: Raised[] = [...rules];
  let corroborated = 0;
  let quiet = 0;
  let r = 0;
  const sortedRules = [...rules].sort((a, b) => a.index - b.index);
  flaggedByBatch.forEach((flags, b) => {
    const end = (b + 1) * batch;
    const inBatch: RulesRaised[] = [];
    while (r < sortedRules.length && sortedRules[r]!.index < end) inBatch.push(sortedRules[r++]!);
    const decisions = combiner.combine(
      inBatch.map((x) => ({ id: String(x.index), principalKind: x.principalKind, principalId: x.principalId, at: traffic[x.index]!.event.at })),
      flags.map((f) => ({ kind: keyed[f.index]!.kind, principalId: keyed[f.index]!.id, at: keyed[f.index]!.at, key: keyed[f.index]!.key, unknownKey: f.unknownKey, warm: keyed[f.index]!.warm, index: f.index })),
    );
    for (const d of decisions) {
      if (d.as === "corroborates") corroborated++;
      else if (d.as === "quiet") quiet++;
      else if (isNews({ kind: "sequence", principalKind: d.flag.kind, principalId: d.flag.principalId, tenantId: null, licenseId: null, at: d.flag.at, evidence: {}, baseline: {} })) raised.push({ kind: "sequence", index: d.flag.index });
    }
  });
  return { raised, corroborated, quiet };
}

/** The attack kinds whose events extend each kind of sequence. */
const attacksBySequence: Record<SequenceKind, readonly AttackKind[]> = {
  token: ["stolen-token", "exfiltration", "revoked-retry"],
  license: ["scope-probing"],
  person: [],
  caller: ["enumeration"],
  address: ["stuffing"],
};

/**
 * A model alert carries no attack kind: on an attack's event it stands for that attack; on a normal
 * event (a false alert) it counts against every attack kind its sequence kind could have stood for.
 */
export function attributeModel(traffic: Labelled[], keyed: Keyed[]): Attribution {
  return (r) => {
    if (r.kind !== "sequence") return byAlertKind(r);
    const label = traffic[r.index]!.label;
    return label !== "normal" ? [label] : attacksBySequence[keyed[r.index]!.kind];
  };
}
