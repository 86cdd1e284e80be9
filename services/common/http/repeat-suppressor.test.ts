import { describe, expect, it } from "vitest";
import { createRepeatSuppressor } from "./repeat-suppressor";

describe("repeat suppressor", () => {
  it("lets one through per key and window and carries how many it held back", () => {
    let t = 0;
    const s = createRepeatSuppressor({ windowMs: 60_000, now: () => t });
    expect(s.admit("a")).toEqual({ suppressedBefore: 0, windowSeconds: 60 });
    for (let n = 0; n < 5; n++) expect(s.admit("a")).toBeNull();
    expect(s.admit("b")).toMatchObject({ suppressedBefore: 0 });
    t = 59_999;
    expect(s.admit("a")).toBeNull();
    t = 60_000;
    expect(s.admit("a")).toMatchObject({ suppressedBefore: 6 });
    expect(s.admit("a")).toBeNull();
  });

  it("keeps its memory bounded by forgetting the key seen least recently", () => {
    const s = createRepeatSuppressor({ maxKeys: 100, now: () => 0 });
    for (let n = 0; n < 10_000; n++) s.admit(`k${n}`);
    expect(s.size).toBe(100);
    // the newest keys are still held back, the oldest forgotten (let through again)
    expect(s.admit("k9999")).toBeNull();
    expect(s.admit("k0")).toMatchObject({ suppressedBefore: 0 });
  });

  it("a key that keeps coming stays remembered while others churn past the bound", () => {
    const s = createRepeatSuppressor({ maxKeys: 10, now: () => 0 });
    s.admit("hot");
    for (let n = 0; n < 100; n++) {
      s.admit(`cold${n}`);
      expect(s.admit("hot")).toBeNull();
    }
  });
});
