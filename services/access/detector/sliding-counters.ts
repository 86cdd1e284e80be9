// Counts per key within a sliding window (timestamps kept per key, pruned as they age), bounded in keys:
// the refusal, enumeration and failed sign-in counters of the rules. In memory, per process.
export type SlidingCounters = {
  /** Adds one at `at` (optionally naming a distinct member, e.g. an account) and answers the count (or distinct members) in the window. */
  add(key: string, at: number, member?: string): number;
  clear(key: string): void;
};

export function createSlidingCounters(windowMs: number, maxKeys: number): SlidingCounters {
  const entries = new Map<string, { at: number; member: string }[]>();
  return {
    add(key, at, member = "") {
      let list = entries.get(key);
      if (!list) {
        if (entries.size >= maxKeys) entries.delete(entries.keys().next().value as string); // the oldest key
        list = [];
        entries.set(key, list);
      }
      list.push({ at, member });
      while (list.length && list[0]!.at <= at - windowMs) list.shift();
      if (list.length > 10_000) list.splice(0, list.length - 10_000);
      return member ? new Set(list.map((e) => e.member)).size : list.length;
    },
    clear: (key) => void entries.delete(key),
  };
}
