// The sequence models in the live detector: the newest stored version of each kind (detector_models),
// looked for every `reloadMs` (another process may have trained) and at once when told; each kind's
// principals' windows (a tracker per loaded version: a new vocabulary starts them afresh); and per batch
// one predict call per kind for the events observed, answering the flagged ones with what they are shown
// against — their key, the window of keys before it, the g keys the model expected.
import type { SequenceEvidence } from "../../../../contracts/security-alert-api";
import type { AccessPrisma } from "../../db/prisma";
import type { SequenceKind } from "./event-keys";
import { loadSequenceModel, type SequenceModel, type SerializedModel } from "./sequence-model";
import { createSequenceTracker } from "./sequence-tracker";
import { indexOf, unknownIndex } from "./windows";

type Loaded = { version: number; createdAt: Date; historyRows: number; examples: number; model: SequenceModel; tracker: ReturnType<typeof createSequenceTracker> };

/** What an observed event carries through to its alert. */
export type Observed = { kind: SequenceKind; principalId: string; tenantId: string | null; licenseId: string | null; at: number; key: string; warm: boolean };

export type ModelFlag = Observed & {
  /** The key was never seen in the model's training (always flagged). */
  unknownKey: boolean;
  evidence: SequenceEvidence;
  baseline: { model: string; version: number; trainedAt: string; historyRows: number; examples: number };
};

export type ModelLayer = {
  /** Reads newer versions when due (or `force`). */
  refresh(force?: boolean): Promise<void>;
  /** Extends the principal's window; held for this batch's scoring when its kind has a model. */
  observe(o: Observed): void;
  /** Scores what was observed since the last call: the flagged events, in the order observed. */
  score(): ModelFlag[];
  versions(): Partial<Record<SequenceKind, number>>;
  /** The next refresh reads the database (a training here just stored new versions). */
  changed(): void;
  close(): void;
};

export function createModelLayer(prisma: AccessPrisma, options: { reloadMs?: number; maxPrincipals?: number } = {}): ModelLayer {
  const reloadMs = options.reloadMs ?? 60_000;
  const loaded = new Map<SequenceKind, Loaded>();
  let checkedAt = -Infinity;
  let batch: { o: Observed; window: number[]; actual: number }[] = [];

  return {
    async refresh(force = false) {
      if (!force && Date.now() - checkedAt < reloadMs) return;
      checkedAt = Date.now();
      const newest = await prisma.$queryRaw<{ kind: SequenceKind; version: number }[]>`
        SELECT "kind", max("version") AS "version" FROM "detector_models" GROUP BY "kind"`;
      for (const { kind, version } of newest) {
        if (loaded.get(kind)?.version === version) continue;
        const row = await prisma.detectorModel.findUnique({ where: { kind_version: { kind, version } } });
        if (!row) continue;
        const model = await loadSequenceModel(row.model as unknown as SerializedModel);
        loaded.get(kind)?.model.dispose();
        loaded.set(kind, { version, createdAt: row.createdAt, historyRows: row.historyRows, examples: row.examples, model, tracker: createSequenceTracker(model.config.h, options.maxPrincipals) });
      }
    },
    observe(o) {
      const m = loaded.get(o.kind);
      if (!m) return;
      const actual = indexOf(m.model.vocabulary, o.key);
      batch.push({ o, window: m.tracker.advance(o.kind, o.principalId, o.at, actual), actual });
    },
    score() {
      const taken = batch;
      batch = [];
      const flags: ModelFlag[] = [];
      const byKind = new Map<SequenceKind, typeof taken>();
      for (const b of taken) (byKind.get(b.o.kind) ?? byKind.set(b.o.kind, []).get(b.o.kind)!).push(b);
      const flagged = new Set<(typeof taken)[number]>();
      const expectedOf = new Map<(typeof taken)[number], number[]>();
      for (const [kind, list] of byKind) {
        const m = loaded.get(kind)!;
        const tops = m.model.expected(list.map((b) => b.window));
        const bad = m.model.score(list.map((b) => b.window), list.map((b) => b.actual)); // the same windows: answered from the cache
        list.forEach((b, i) => {
          if (!bad[i]) return;
          flagged.add(b);
          expectedOf.set(b, tops[i]!);
        });
      }
      for (const b of taken) {
        if (!flagged.has(b)) continue;
        const m = loaded.get(b.o.kind)!;
        const keys = m.model.vocabulary.keys;
        const name = `${b.o.kind} model`;
        flags.push({
          ...b.o,
          unknownKey: b.actual === unknownIndex,
          evidence: { key: b.o.key, window: b.window.filter((i) => i !== 0).map((i) => keys[i]!), expected: expectedOf.get(b)!.map((i) => keys[i]!), model: name, version: m.version, g: m.model.config.g },
          baseline: { model: name, version: m.version, trainedAt: m.createdAt.toISOString(), historyRows: m.historyRows, examples: m.examples },
        });
      }
      return flags;
    },
    versions: () => Object.fromEntries([...loaded].map(([k, m]) => [k, m.version])),
    changed: () => void (checkedAt = -Infinity),
    close() {
      for (const m of loaded.values()) m.model.dispose();
      loaded.clear();
    },
  };
}
