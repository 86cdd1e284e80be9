import { describe, expect, it } from "vitest";
import { createSequenceTracker } from "./sequence-tracker";

describe("sequence tracker", () => {
  it("hands each event the h keys before it (padded) and remembers the time of the previous one", () => {
    const t = createSequenceTracker(2);
    expect(t.previousAt("token", "a")).toBeNull();
    expect(t.advance("token", "a", 100, 5)).toEqual([0, 0]);
    expect(t.advance("token", "a", 200, 6)).toEqual([0, 5]);
    expect(t.advance("token", "a", 300, 7)).toEqual([5, 6]);
    expect(t.previousAt("token", "a")).toBe(300);
    expect(t.advance("person", "a", 300, 9)).toEqual([0, 0]); // kinds do not share sequences
  });
  it("forgets the least recently seen principal past its bound", () => {
    const t = createSequenceTracker(1, 2);
    t.advance("token", "a", 1, 2);
    t.advance("token", "b", 2, 2);
    t.advance("token", "a", 3, 3);
    t.advance("token", "c", 4, 2);
    expect(t.size()).toBe(2);
    expect(t.previousAt("token", "b")).toBeNull();
    expect(t.previousAt("token", "a")).toBe(3);
  });
});
