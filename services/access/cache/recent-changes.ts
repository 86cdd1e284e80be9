// Guards cache fills against a race: a reader loads a row, a change to it commits and is notified, and
// only then the reader stores what it loaded, now stale. Readers take a ticket (a sequence number)
// before the database read; a fill is refused if a change touching what it loaded (or a reset) was
// notified after that ticket. Only the last `capacity` changes are kept; an older ticket is refused.
import type { Change } from "./change";

export type RecentChanges = {
  ticket(): number;
  record(change: Change): void;
  recordReset(): void;
  /** True when nothing notified since `ticket` is one of `touches` (the records the fill loaded). */
  unchangedSince(ticket: number, touches: readonly Change[]): boolean;
};

export function createRecentChanges(capacity = 4096): RecentChanges {
  const ring: (Change | null)[] = new Array<Change | null>(capacity).fill(null);
  let seq = 0; // number of changes recorded so far; ring[(n - 1) % capacity] holds change n
  let lastReset = 0;
  return {
    ticket: () => seq,
    record(change) {
      ring[seq % capacity] = change;
      seq += 1;
    },
    recordReset() {
      seq += 1;
      ring[(seq - 1) % capacity] = null;
      lastReset = seq;
    },
    unchangedSince(ticket, touches) {
      if (lastReset > ticket || seq - ticket > capacity) return false;
      for (let n = ticket + 1; n <= seq; n++) {
        const c = ring[(n - 1) % capacity];
        if (c && touches.some((t) => t.kind === c.kind && t.id === c.id)) return false;
      }
      return true;
    },
  };
}
