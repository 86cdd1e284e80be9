// What the sequence model remembers of each principal between batches: the time of its previous event
// and its last h keys (as vocabulary indices of its kind's model). Bounded: past `maxPrincipals` the
// oldest principal is forgotten (its next event starts a fresh, padded window — the model saw those too).
import type { SequenceKind } from "./event-keys";
import { padIndex } from "./windows";

type Memory = { lastAt: number; window: number[] };

export function createSequenceTracker(h: number, maxPrincipals = 100_000) {
  const byPrincipal = new Map<string, Memory>();
  const id = (kind: SequenceKind, principal: string) => `${kind}:${principal}`;
  return {
    previousAt: (kind: SequenceKind, principal: string): number | null => byPrincipal.get(id(kind, principal))?.lastAt ?? null,
    /** The h keys before this event (padded), then this event's key appended. */
    advance(kind: SequenceKind, principal: string, at: number, key: number): number[] {
      const k = id(kind, principal);
      const m = byPrincipal.get(k) ?? { lastAt: at, window: new Array<number>(h).fill(padIndex) };
      const before = m.window.slice();
      m.window.shift();
      m.window.push(key);
      m.lastAt = at;
      byPrincipal.delete(k); // re-inserted last: Map order is the eviction order
      byPrincipal.set(k, m);
      if (byPrincipal.size > maxPrincipals) byPrincipal.delete(byPrincipal.keys().next().value!);
      return before;
    },
    size: () => byPrincipal.size,
  };
}
