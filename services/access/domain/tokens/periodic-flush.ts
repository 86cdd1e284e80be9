// What every in-memory tally of the hot path shares (token usage, the record of accesses): a timer that
// writes what was noted every interval and on close, one write at a time (timer, close and tests may
// overlap, so a write that puts back what it could not store never races the next). The write itself
// takes what is pending and puts back what it failed to store.
export type PeriodicFlush<R> = {
  /** Writes what is pending now (after any write in progress). */
  flush(): Promise<R>;
  /** Stops the timer and writes what is left. */
  close(): Promise<void>;
};

export function periodicFlush<R>(write: () => Promise<R>, options: { intervalMs: number; onError?: (error: unknown) => void }): PeriodicFlush<R> {
  let queue: Promise<unknown> = Promise.resolve();
  const flush = () => {
    const run = queue.then(write);
    queue = run.catch(() => undefined);
    return run;
  };
  const timer = setInterval(() => void flush().catch((e: unknown) => options.onError?.(e)), options.intervalMs);
  timer.unref();
  return {
    flush,
    async close() {
      clearInterval(timer);
      await flush().catch((e: unknown) => options.onError?.(e));
    },
  };
}
