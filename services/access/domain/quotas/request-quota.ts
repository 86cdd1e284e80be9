// The per-process request-rate limiter of licenses. Each process admits from slices of a license's window
// budget it leased from the store (quota-lease-store.ts): while its slice lasts, a request is admitted
// synchronously with no I/O; a slice running low is topped up in the background, and one used up is
// waited for once (concurrent requests share the same lease). The store grants at most the limit per
// window in total, so processes together never admit more than it; what they may admit less is what sits
// unused in the others' slices — a slice is a small share of the limit, and one unused for 15 s goes
// back (not sooner: a caller making a request every few seconds would otherwise lease from the store on
// nearly every request). A window's slices expire with it. If the store cannot be reached, a process
// admits up to the limit on its own (availability over exactness) until it can again; it says so once
// when the store goes and once when it is back, not per request.
// A process's first request of a window for a license is admitted at once while its first slice is leased
// (borrowed from that slice), so no license's first request each minute waits on the store: with many
// licenses asked a few times a minute that wait was a fifth of all requests. Borrowing is for limits of
// at least 50 and once per process and window, so the processes together may admit at most one each
// above the limit — and only when others used up the window before this one's first lease arrived.
import type { QuotaLeaseStore } from "./quota-lease-store";
import { quotaWindowMs, secondsToReset, windowOf } from "./quota-window";
import type { QuotaDecision } from "./rate-limit-fields";

export type QuotaOptions = {
  /** A slice as a share of the limit (default 1/50: with two processes, at most 2% of it each lies unused). */
  sliceShare?: number;
  /** The largest slice (default 1 000). */
  maxSlice?: number;
  /** A slice unused this long is given back (default 15 s). */
  idleReturnMs?: number;
  /** When told "nothing left", ask again after this long at the earliest (default 1 s): others may give back. */
  recheckMs?: number;
  /** How often idle slices are looked for (default 1 s; 0: only by `sweep()`). */
  sweepIntervalMs?: number;
  /** The store failed after answering (or at the first try): called once until it answers again. */
  onStoreDown?: (error: unknown) => void;
  /** The store answered again after onStoreDown. */
  onStoreBack?: () => void;
};

export type RequestQuota = {
  /** Counts one request of `licenseId` against `limit` a minute; synchronous while the local slice lasts. */
  admit(licenseId: string, limit: number): QuotaDecision | Promise<QuotaDecision>;
  /** Gives back slices unused for idleReturnMs and forgets past windows. */
  sweep(): Promise<void>;
  /** Gives back every unused slice and stops the timer. */
  close(): Promise<void>;
  /** Calls to the store so far: slices leased (or asked for and refused) and slices given back; and the statements they took (the shared store batches calls). */
  stats(): { leases: number; givebacks: number; statements: number };
};

type Local = {
  window: number;
  /** Admissions left in this process's slices. */
  available: number;
  /** Leased by this process in this window (given back not counted). */
  leasedHere: number;
  /** The window's total leased at the store, as last seen. */
  leasedTotal: number;
  /** The store said nothing is left: do not ask again before this time. */
  exhaustedUntil: number;
  lastUsed: number;
  /** Admitted before this window's first slice arrived, to be taken from it (0 or 1). */
  borrowed: number;
  inflight: Promise<void> | null;
};

/** The smallest limit whose first request of a window is admitted before its slice arrives. */
const borrowFromLimit = 50;

export function createRequestQuota(store: QuotaLeaseStore, now: () => Date, options: QuotaOptions = {}): RequestQuota {
  const sliceShare = options.sliceShare ?? 1 / 50;
  const maxSlice = options.maxSlice ?? 1_000;
  const idleReturnMs = options.idleReturnMs ?? 15_000;
  const recheckMs = options.recheckMs ?? 1_000;
  const locals = new Map<string, Local>();
  const counted = { leases: 0, givebacks: 0 };
  let storeDown = false;
  const failed = (error: unknown) => {
    if (storeDown) return;
    storeDown = true;
    options.onStoreDown?.(error);
  };
  const answered = () => {
    if (!storeDown) return;
    storeDown = false;
    options.onStoreBack?.();
  };

  const sliceOf = (limit: number) => Math.max(1, Math.min(maxSlice, Math.ceil(limit * sliceShare)));

  const decide = (local: Local, limit: number, at: number, admitted: boolean): QuotaDecision => {
    if (admitted) {
      local.available--;
      local.lastUsed = at;
    }
    return { admitted, limit, remaining: Math.max(0, limit - local.leasedTotal) + local.available, resetSeconds: secondsToReset(at) };
  };

  /** A granted slice: what was borrowed ahead of it is taken first. */
  const credit = (local: Local, granted: number) => {
    const repaid = Math.min(local.borrowed, granted);
    local.borrowed -= repaid;
    local.available += granted - repaid;
    local.leasedHere += granted;
  };

  const lease = (id: string, local: Local, limit: number): Promise<void> => {
    if (local.inflight) return local.inflight;
    const window = local.window;
    const want = sliceOf(limit);
    counted.leases++;
    const run = store
      .lease(id, window, want, limit)
      .then(({ granted, leased }) => {
        answered();
        if (local.window !== window) return; // the window moved on meanwhile: that slice expired with it
        credit(local, granted);
        local.leasedTotal = leased;
        if (granted === 0) local.exhaustedUntil = now().getTime() + recheckMs;
      })
      .catch((error: unknown) => {
        failed(error);
        if (local.window !== window) return;
        // Unreachable store: this process alone stays within the limit.
        const granted = Math.max(0, Math.min(want, limit - local.leasedHere));
        credit(local, granted);
        local.leasedTotal = Math.max(local.leasedTotal, local.leasedHere);
        if (granted === 0) local.exhaustedUntil = now().getTime() + recheckMs;
      })
      .finally(() => {
        local.inflight = null;
      });
    local.inflight = run;
    return run;
  };

  const localOf = (id: string, at: number): Local => {
    const window = windowOf(at);
    let local = locals.get(id);
    if (!local || local.window !== window) {
      local = { window, available: 0, leasedHere: 0, leasedTotal: 0, exhaustedUntil: 0, lastUsed: at, borrowed: 0, inflight: null };
      locals.set(id, local);
    }
    return local;
  };

  const admit = (id: string, limit: number): QuotaDecision | Promise<QuotaDecision> => {
    const at = now().getTime();
    const local = localOf(id, at);
    if (local.available > 0) {
      // Top up before the slice runs out, so a steady caller never waits on the store.
      if (local.available <= sliceOf(limit) / 2 && at >= local.exhaustedUntil) void lease(id, local, limit);
      return decide(local, limit, at, true);
    }
    if (at < local.exhaustedUntil) return decide(local, limit, at, false);
    if (limit >= borrowFromLimit && local.leasedHere === 0 && local.borrowed === 0 && !local.inflight) {
      local.borrowed = 1;
      void lease(id, local, limit);
      local.lastUsed = at;
      return { admitted: true, limit, remaining: limit - 1, resetSeconds: secondsToReset(at) };
    }
    return waitForSlice(id, limit);
  };

  /** The slow path: lease until this request has one, or the store says nothing is left (requests waiting together may use up one slice, so ask again). */
  const waitForSlice = async (id: string, limit: number): Promise<QuotaDecision> => {
    for (;;) {
      const at = now().getTime();
      const local = localOf(id, at);
      if (local.available > 0) return decide(local, limit, at, true);
      if (at < local.exhaustedUntil) return decide(local, limit, at, false);
      await lease(id, local, limit); // grants some, or marks the window exhausted: each turn makes progress
    }
  };

  const giveBackIdle = async (all: boolean) => {
    const at = now().getTime();
    const returns: Promise<void>[] = [];
    for (const [id, local] of locals) {
      if (local.window + quotaWindowMs <= at) {
        if (!local.inflight) locals.delete(id); // its slices expired with its window
        continue;
      }
      if (local.available > 0 && !local.inflight && (all || at - local.lastUsed >= idleReturnMs)) {
        const count = local.available;
        local.available = 0;
        local.leasedHere -= count;
        counted.givebacks++;
        returns.push(store.giveBack(id, local.window, count).then(answered, failed));
      }
    }
    await Promise.all(returns);
  };

  const timer = options.sweepIntervalMs === 0 ? null : setInterval(() => void giveBackIdle(false), options.sweepIntervalMs ?? 1_000);
  timer?.unref();

  return {
    admit,
    sweep: () => giveBackIdle(false),
    stats: () => ({ ...counted, statements: store.statements?.() ?? counted.leases + counted.givebacks }),
    async close() {
      if (timer) clearInterval(timer);
      await Promise.all([...locals.values()].map((l) => l.inflight));
      await giveBackIdle(true);
    },
  };
}
