// Lets the first of a repeated occurrence through per key and window and counts the rest, so a flood of
// the same audit event (a refusal, a failed validation) costs one event a minute, carrying how many were
// suppressed before it. Memory is bounded: past `maxKeys`, the key seen least recently is forgotten (its
// next occurrence goes through). The one home of this rule for every audit event that a caller can repeat.

/** What an event let through carries (spread into its `data`): how many were held back since the last one, and the window. */
export type Suppression = { suppressedBefore: number; windowSeconds: number };

export type RepeatSuppressorOptions = { windowMs?: number; maxKeys?: number; now?: () => number };

export type RepeatSuppressor = {
  /** null when suppressed (and counted); else what the event let through carries. */
  admit(key: string): Suppression | null;
  /** How many keys it holds in memory now (at most `maxKeys`). */
  readonly size: number;
};

export function createRepeatSuppressor(options: RepeatSuppressorOptions = {}): RepeatSuppressor {
  const windowMs = options.windowMs ?? 60_000;
  const maxKeys = options.maxKeys ?? 10_000;
  const now = options.now ?? Date.now;
  const slots = new Map<string, { windowStart: number; suppressed: number }>(); // insertion order = least recently seen first

  return {
    admit(key) {
      const t = now();
      const slot = slots.get(key);
      slots.delete(key);
      if (slot && t - slot.windowStart < windowMs) {
        slot.suppressed += 1;
        slots.set(key, slot);
        return null;
      }
      while (slots.size >= maxKeys) {
        const oldest = slots.keys().next();
        if (oldest.done) break;
        slots.delete(oldest.value);
      }
      slots.set(key, { windowStart: t, suppressed: 0 });
      return { suppressedBefore: slot?.suppressed ?? 0, windowSeconds: windowMs / 1000 };
    },
    get size() {
      return slots.size;
    },
  };
}
