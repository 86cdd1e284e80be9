// The usage chart's time axis: fixed bucket counts per range, UTC-aligned, ending with the bucket holding
// now; hourly rows summed into their bucket, every bucket present, rows outside the range left out.
import { describe, expect, it } from "vitest";
import { fillBuckets, hourOf, totalOf, usageAxis } from "./usage-buckets";

const now = new Date("2025-03-10T14:37:12.345Z");
const iso = (ms: number) => new Date(ms).toISOString();

describe("usageAxis", () => {
  it("24h: 24 hourly buckets, the last one the current hour", () => {
    const axis = usageAxis("24h", now);
    expect(axis.bucketHours).toBe(1);
    expect(axis.starts).toHaveLength(24);
    expect(iso(axis.starts.at(-1)!)).toBe("2025-03-10T14:00:00.000Z");
    expect(axis.from.toISOString()).toBe("2025-03-09T15:00:00.000Z");
    expect(axis.to.toISOString()).toBe("2025-03-10T15:00:00.000Z");
  });

  it("7d: 28 six-hour buckets aligned to 00/06/12/18 UTC", () => {
    const axis = usageAxis("7d", now);
    expect(axis.bucketHours).toBe(6);
    expect(axis.starts).toHaveLength(28);
    expect(iso(axis.starts.at(-1)!)).toBe("2025-03-10T12:00:00.000Z");
    expect(axis.from.toISOString()).toBe("2025-03-03T18:00:00.000Z");
    expect(axis.to.toISOString()).toBe("2025-03-10T18:00:00.000Z");
  });

  it("30d: 30 daily buckets at UTC midnight", () => {
    const axis = usageAxis("30d", now);
    expect(axis.starts).toHaveLength(30);
    expect(iso(axis.starts[0]!)).toBe("2025-02-09T00:00:00.000Z");
    expect(axis.to.toISOString()).toBe("2025-03-11T00:00:00.000Z");
    expect(new Set(axis.starts.map((s) => s % 86_400_000))).toEqual(new Set([0]));
  });

  it("consecutive buckets, exactly one step apart", () => {
    for (const range of ["24h", "7d", "30d"] as const) {
      const { starts, bucketHours } = usageAxis(range, now);
      for (let i = 1; i < starts.length; i++) expect(starts[i]! - starts[i - 1]!).toBe(bucketHours * 3_600_000);
    }
  });
});

describe("fillBuckets", () => {
  it("zero-fills the hourly axis and places each row in its hour", () => {
    const axis = usageAxis("24h", now);
    const filled = fillBuckets(axis, [
      { bucket: new Date("2025-03-10T14:00:00Z"), uses: 3, refusals: 1 },
      { bucket: new Date("2025-03-09T15:00:00Z"), uses: 2, refusals: 0 },
    ]);
    expect(filled).toHaveLength(24);
    expect(filled.at(-1)).toMatchObject({ uses: 3, refusals: 1 });
    expect(filled[0]).toMatchObject({ uses: 2, refusals: 0 });
    expect(filled.slice(1, -1).every((b) => b.uses === 0 && b.refusals === 0)).toBe(true);
  });

  it("sums the hours of a six-hour and a daily bucket", () => {
    const rows = ["2025-03-10T12:00:00Z", "2025-03-10T13:00:00Z", "2025-03-10T14:00:00Z"].map((t) => ({ bucket: new Date(t), uses: 1, refusals: 2 }));
    expect(fillBuckets(usageAxis("7d", now), rows).at(-1)).toMatchObject({ start: Date.parse("2025-03-10T12:00:00Z"), uses: 3, refusals: 6 });
    const early = { bucket: new Date("2025-03-10T01:00:00Z"), uses: 4, refusals: 0 };
    expect(fillBuckets(usageAxis("30d", now), [...rows, early]).at(-1)).toMatchObject({ uses: 7, refusals: 6 });
  });

  it("leaves out rows before the first bucket or after the last", () => {
    const axis = usageAxis("24h", now);
    const filled = fillBuckets(axis, [
      { bucket: new Date("2025-03-09T14:00:00Z"), uses: 5, refusals: 5 },
      { bucket: new Date("2025-03-10T15:00:00Z"), uses: 7, refusals: 7 },
    ]);
    expect(totalOf(filled)).toEqual({ uses: 0, refusals: 0 });
  });
});

describe("hourOf", () => {
  it("truncates to the UTC hour", () => {
    expect(iso(hourOf(now))).toBe("2025-03-10T14:00:00.000Z");
    expect(hourOf(Date.parse("2025-03-10T14:00:00Z"))).toBe(Date.parse("2025-03-10T14:00:00Z"));
  });
});
