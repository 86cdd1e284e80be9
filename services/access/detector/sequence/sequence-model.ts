// One DeepLog-style model for one kind of principal: an embedding of the h previous keys, one small LSTM
// layer and a softmax over the vocabulary, in TensorFlow.js on its pure-JS CPU backend (no native binary,
// nothing fetched). Trained off the request path (a scheduled job or the bench), scored in batches: one
// predict call per detector batch, for the distinct windows not already scored. Serialized as JSON (vocabulary + weights) for detector_models.
import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs-backend-cpu";
import * as tfl from "@tensorflow/tfjs-layers";
import { isAnomalous, topG, trainingPairs, vocabularyOf, type Vocabulary } from "./windows";

export type SequenceModelConfig = { h: number; g: number; units: number; embedding: number; epochs: number; maxExamples: number; batchSize: number };
export const defaultSequenceConfig: SequenceModelConfig = { h: 6, g: 3, units: 32, embedding: 8, epochs: 3, maxExamples: 8_000, batchSize: 128 };

export type SequenceModel = {
  vocabulary: Vocabulary;
  config: SequenceModelConfig;
  /** For each window (h indices) and the key that followed, whether it is anomalous. One predict call for the windows not yet seen. */
  score(windows: number[][], actual: number[]): boolean[];
  /** The g most likely next keys (indices, most likely first) after each window: what a flagged event is shown against. */
  expected(windows: number[][]): number[][];
  serialize(): SerializedModel;
  dispose(): void;
};
export type SerializedModel = { keys: string[]; config: SequenceModelConfig; weights: { shape: number[]; data: number[] }[] };

let ready: Promise<void> | null = null;
/** The CPU backend, chosen once (quietly: tfjs would advise its native binding, which we do not want). */
export function ensureBackend(): Promise<void> {
  ready ??= (async () => {
    tf.env().set("IS_NODE", false);
    await tf.setBackend("cpu");
    await tf.ready();
  })();
  return ready;
}

function build(vocabSize: number, c: SequenceModelConfig): tfl.Sequential {
  const m = tfl.sequential();
  m.add(tfl.layers.embedding({ inputDim: vocabSize, outputDim: c.embedding, inputLength: c.h }));
  // glorotUniform: tfjs's default orthogonal recurrent initializer needs its chained-op build.
  m.add(tfl.layers.lstm({ units: c.units, recurrentInitializer: "glorotUniform" }));
  m.add(tfl.layers.dense({ units: vocabSize, activation: "softmax" }));
  return m;
}

/** Distinct windows whose top g are remembered (then forgotten at once): windows repeat, predict is the cost. */
const maxCachedWindows = 50_000;

function wrap(m: tfl.Sequential, vocabulary: Vocabulary, config: SequenceModelConfig): SequenceModel {
  const topOf = new Map<string, number[]>();
  const n = vocabulary.keys.length;
  const expected = (windows: number[][]): number[][] => {
    const keys = windows.map((w) => w.join(","));
    let missing = [...new Set(keys.filter((k) => !topOf.has(k)))];
    if (missing.length) {
      // Forgetting at once: then this batch's windows are all predicted again.
      if (topOf.size + missing.length > maxCachedWindows) {
        topOf.clear();
        missing = [...new Set(keys)];
      }
      const rows = missing.map((k) => k.split(",").map(Number));
      const probs = tf.tidy(() => (m.predict(tf.tensor2d(rows, [rows.length, config.h], "int32")) as tf.Tensor).dataSync());
      missing.forEach((k, i) => topOf.set(k, topG(probs.subarray(i * n, (i + 1) * n), config.g)));
    }
    return keys.map((k) => topOf.get(k)!);
  };
  return {
    vocabulary,
    config,
    score: (windows, actual) => {
      const tops = expected(windows);
      return actual.map((a, i) => isAnomalous(tops[i]!, a));
    },
    expected,
    serialize: () => ({ keys: vocabulary.keys, config, weights: m.getWeights().map((w) => ({ shape: w.shape, data: Array.from(w.dataSync()) })) }),
    dispose: () => m.dispose(),
  };
}

/** Every n-th example kept so that at most `max` remain (a deterministic sample, not the first ones). */
function sample<T>(all: T[], max: number): T[] {
  if (all.length <= max) return all;
  const step = all.length / max;
  return Array.from({ length: max }, (_, k) => all[Math.floor(k * step)]!);
}

/** Trains a model on sequences of key indices (already mapped through `vocabulary`). */
export async function trainSequenceModel(sequences: number[][], vocabulary: Vocabulary, config: SequenceModelConfig = defaultSequenceConfig): Promise<{ model: SequenceModel; metrics: { examples: number; loss: number; trainMs: number } }> {
  await ensureBackend();
  const started = Date.now();
  const pairs = sample(sequences.flatMap((s) => trainingPairs(s, config.h)), config.maxExamples);
  const m = build(vocabulary.keys.length, config);
  m.compile({ optimizer: tf.train.adam(0.01), loss: "sparseCategoricalCrossentropy" });
  const xs = tf.tensor2d(pairs.map((p) => p.window), [pairs.length, config.h], "int32");
  const ys = tf.tensor1d(pairs.map((p) => p.next), "float32");
  try {
    const history = await m.fit(xs, ys, { epochs: config.epochs, batchSize: config.batchSize, shuffle: true, verbose: 0 });
    const loss = Number(history.history.loss?.at(-1) ?? NaN);
    return { model: wrap(m, vocabulary, config), metrics: { examples: pairs.length, loss, trainMs: Date.now() - started } };
  } finally {
    xs.dispose();
    ys.dispose();
  }
}

export async function loadSequenceModel(s: SerializedModel): Promise<SequenceModel> {
  await ensureBackend();
  const m = build(s.keys.length, s.config);
  m.setWeights(s.weights.map((w) => tf.tensor(w.data, w.shape)));
  return wrap(m, vocabularyOf(s.keys), s.config);
}
