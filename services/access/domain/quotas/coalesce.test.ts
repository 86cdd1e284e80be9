// The coalescer: one call runs at once; calls made meanwhile share the next statement; each caller gets
// its own answer, and a failed statement fails only its own callers.
import { describe, expect, it } from "vitest";
import { coalesce } from "./coalesce";

describe("coalesce", () => {
  it("runs a lone call at once, and calls made while it runs together in one next statement", async () => {
    const batches: number[][] = [];
    const c = coalesce(async (items: number[]) => {
      batches.push(items);
      await new Promise((r) => setTimeout(r, 5));
      return items.map((n) => n * 2);
    });
    const outs = await Promise.all(Array.from({ length: 50 }, (_, n) => c.call(n)));
    expect(outs).toEqual(Array.from({ length: 50 }, (_, n) => n * 2));
    expect(batches.map((b) => b.length)).toEqual([1, 49]);
    expect(c.statements()).toBe(2);
  });

  it("keeps batches within their largest size", async () => {
    const sizes: number[] = [];
    const c = coalesce(async (items: number[]) => (sizes.push(items.length), items), 10);
    await Promise.all(Array.from({ length: 35 }, (_, n) => c.call(n)));
    expect(Math.max(...sizes)).toBeLessThanOrEqual(10);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(35);
  });

  it("fails the callers of a failed statement, and runs the next one", async () => {
    let fail = true;
    const c = coalesce(async (items: number[]) => {
      if (fail) throw new Error("down");
      return items;
    });
    await expect(c.call(1)).rejects.toThrow("down");
    fail = false;
    await expect(c.call(2)).resolves.toBe(2);
  });
});
