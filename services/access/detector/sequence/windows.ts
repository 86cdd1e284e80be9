// DeepLog's framing, pure: a vocabulary of keys (index 0 pads the start of a sequence, 1 stands for a key
// never seen in training — always anomalous), windows of the h previous keys labelled with the next one,
// and the decision: an event is anomalous when its key is not among the g most likely next keys.

export const padIndex = 0;
export const unknownIndex = 1;

export type Vocabulary = { keys: string[]; index: Map<string, number> };

/** The keys seen in training, most frequent first after the two reserved entries; bounded. */
export function buildVocabulary(sequences: Iterable<string[]>, maxKeys = 256): Vocabulary {
  const counts = new Map<string, number>();
  for (const s of sequences) for (const k of s) counts.set(k, (counts.get(k) ?? 0) + 1);
  const ordered = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, maxKeys - 2).map(([k]) => k);
  return vocabularyOf(["<pad>", "<unknown>", ...ordered]);
}

export function vocabularyOf(keys: string[]): Vocabulary {
  return { keys, index: new Map(keys.map((k, i) => [k, i])) };
}

export const indexOf = (v: Vocabulary, key: string) => v.index.get(key) ?? unknownIndex;

/** The window before position `at` of a sequence of indices: h entries, padded at the start. */
export function windowBefore(seq: readonly number[], at: number, h: number): number[] {
  const out = new Array<number>(h).fill(padIndex);
  for (let k = 1; k <= h && at - k >= 0; k++) out[h - k] = seq[at - k]!;
  return out;
}

/** Every (window, next) pair of a sequence: the training examples. */
export function trainingPairs(seq: readonly number[], h: number): { window: number[]; next: number }[] {
  return seq.map((next, at) => ({ window: windowBefore(seq, at, h), next }));
}

/** The g most likely indices of a probability row (ties: the lower index). */
export function topG(probabilities: ArrayLike<number>, g: number): number[] {
  const best: number[] = [];
  for (let i = 0; i < probabilities.length; i++) {
    if (best.length < g) best.push(i);
    else if (probabilities[i]! > probabilities[best[best.length - 1]!]!) best[best.length - 1] = i;
    else continue;
    best.sort((a, b) => probabilities[b]! - probabilities[a]! || a - b);
  }
  return best;
}

/** DeepLog's rule: anomalous when the key is unknown or not among the top g predictions (topG's answer). */
export function isAnomalous(top: readonly number[], actual: number): boolean {
  return actual === unknownIndex || !top.includes(actual);
}
