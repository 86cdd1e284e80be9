// The queue between the hot paths and the detector: bounded, dropping and counting the newest over capacity,
// handing batches in order.
import { describe, expect, it } from "vitest";
import type { DetectorEvent } from "./detector-event";
import { createEventQueue } from "./event-queue";

const event = (at: number): DetectorEvent => ({ type: "admin", at, tenantId: null, userId: "usr_1", action: "license.suspend", address: null });

describe("event queue", () => {
  it("drops (and counts) what exceeds its capacity, never blocking, and hands the rest in order in batches", async () => {
    const batches: number[][] = [];
    let dropped = 0;
    const q = createEventQueue(async (b) => void batches.push(b.map((e) => e.at)), { capacity: 5, intervalMs: 60_000, maxBatch: 2, onDropped: (n) => (dropped += n) });
    for (let k = 0; k < 8; k++) q.push(event(k));
    expect(q.stats()).toEqual({ waiting: 5, dropped: 3, accepted: 5 });
    expect(dropped).toBe(3);
    await q.drain();
    expect(batches).toEqual([[0, 1], [2, 3], [4]]);
    q.push(event(9));
    await q.close();
    expect(batches.at(-1)).toEqual([9]);
    q.push(event(10)); // closed: ignored
    expect(q.stats().waiting).toBe(0);
  });
});
