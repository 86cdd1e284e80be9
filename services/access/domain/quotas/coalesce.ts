// Calls made while one statement is in flight go together in the next: an idle caller's call runs at once
// (no added wait), and many callers at once — every license's first lease when a window opens — share a
// statement instead of taking one each. One statement in flight per coalescer.
export type Coalesced<I, O> = {
  call(item: I): Promise<O>;
  /** Statements run so far. */
  statements(): number;
};

export function coalesce<I, O>(run: (items: I[]) => Promise<O[]>, maxBatch = 500): Coalesced<I, O> {
  type Waiting = { item: I; resolve: (out: O) => void; reject: (error: unknown) => void };
  let queue: Waiting[] = [];
  let running = false;
  let statements = 0;

  const pump = () => {
    if (running || !queue.length) return;
    running = true;
    const batch = queue.slice(0, maxBatch);
    queue = queue.slice(maxBatch);
    statements++;
    run(batch.map((w) => w.item))
      .then(
        (outs) => batch.forEach((w, i) => w.resolve(outs[i]!)),
        (error: unknown) => batch.forEach((w) => w.reject(error)),
      )
      .finally(() => {
        running = false;
        pump();
      });
  };

  return {
    call: (item) =>
      new Promise<O>((resolve, reject) => {
        queue.push({ item, resolve, reject });
        pump();
      }),
    statements: () => statements,
  };
}
