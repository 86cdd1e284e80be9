// Lets the first of a repeated occurrence through per key and window and counts the rest, so a flood of
// the same refusal costs one audit event a minute, carrying how many were suppressed before it. Memory
// is bounded: past `maxKeys`, the key seen least recently is forgotten (its next occurrence goes through).
export type RepeatSuppressor = {
  /** null when suppressed (and counted); else how many were suppressed since this key last went through. */
  admit(key: string): number | null;
  readonly size: number;
  readonly windowMs: number;
};

export function createRepeatSuppressor(options: { windowMs?: number; maxKeys?: number; now?: () => number } = {}): RepeatSuppressor {
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
      return slot?.suppressed ?? 0;
    },
    get size() {
      return slots.size;
    },
    windowMs,
  };
}
