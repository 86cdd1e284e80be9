// The bounded in-process queue between the hot paths and the detector: push is O(1), never awaits and
// never blocks; over capacity the newest event is dropped and counted (the request matters more than its
// analysis). The consumer drains it in batches on a timer, one batch at a time.
import type { DetectorEvent, DetectorFeed } from "./detector-event";

export type EventQueueOptions = {
  capacity: number;
  /** How often the consumer is handed what accumulated (ms). */
  intervalMs: number;
  maxBatch: number;
  onDropped?: (count: number) => void;
};

export type EventQueue = DetectorFeed & {
  /** Events waiting and dropped since start. */
  stats(): { waiting: number; dropped: number; accepted: number };
  /** Hands everything waiting to the consumer now (tests, shutdown). */
  drain(): Promise<void>;
  close(): Promise<void>;
};

export function createEventQueue(consume: (batch: DetectorEvent[]) => Promise<void>, options: EventQueueOptions): EventQueue {
  // A ring buffer: no array shifting under load.
  const ring: (DetectorEvent | undefined)[] = new Array<DetectorEvent | undefined>(options.capacity);
  let head = 0;
  let size = 0;
  let dropped = 0;
  let accepted = 0;
  let running: Promise<void> | null = null;
  let closed = false;

  const take = (max: number): DetectorEvent[] => {
    const n = Math.min(max, size);
    const out: DetectorEvent[] = new Array<DetectorEvent>(n);
    for (let k = 0; k < n; k++) {
      out[k] = ring[head] as DetectorEvent;
      ring[head] = undefined;
      head = (head + 1) % options.capacity;
    }
    size -= n;
    return out;
  };

  const runOnce = async () => {
    while (size > 0) await consume(take(options.maxBatch));
  };
  const drain = async (): Promise<void> => {
    while (running) await running;
    if (size === 0) return;
    running = runOnce().finally(() => {
      running = null;
    });
    await running;
  };

  const timer = setInterval(() => {
    if (!running && size > 0) void drain().catch(() => undefined);
  }, options.intervalMs);
  timer.unref();

  return {
    push(event) {
      if (closed) return;
      if (size >= options.capacity) {
        dropped++;
        options.onDropped?.(1);
        return;
      }
      ring[(head + size) % options.capacity] = event;
      size++;
      accepted++;
    },
    stats: () => ({ waiting: size, dropped, accepted }),
    drain,
    async close() {
      closed = true;
      clearInterval(timer);
      await drain();
    },
  };
}
