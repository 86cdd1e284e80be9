// The time axis of a usage chart, pure: a range is a fixed number of UTC-aligned buckets ending with the one
// that holds `now`, and hourly rows from token_usage are summed into them with every bucket present (zeros
// included), so a chart never has gaps and two readers at the same moment draw the same axis.
import type { UsageRange } from "../../../../contracts/token-api";

export const hourMs = 3_600_000;

const shapes: Record<UsageRange, { bucketHours: number; buckets: number }> = {
  "24h": { bucketHours: 1, buckets: 24 },
  "7d": { bucketHours: 6, buckets: 28 },
  "30d": { bucketHours: 24, buckets: 30 },
};

/** The start of the UTC hour `at` falls in, in epoch milliseconds (the storage bucket). */
export const hourOf = (at: Date | number): number => Math.floor(+at / hourMs) * hourMs;

export type UsageAxis = { bucketHours: number; starts: number[]; from: Date; to: Date };

/** The buckets of `range` as of `now`: [from, to) covers them exactly; `starts` are their starts, oldest first. */
export function usageAxis(range: UsageRange, now: Date): UsageAxis {
  const { bucketHours, buckets } = shapes[range];
  const step = bucketHours * hourMs;
  const last = Math.floor(+now / step) * step;
  const starts = Array.from({ length: buckets }, (_, i) => last - (buckets - 1 - i) * step);
  return { bucketHours, starts, from: new Date(starts[0]!), to: new Date(last + step) };
}

export type UsageCounts = { uses: number; refusals: number };
export type HourRow = UsageCounts & { bucket: Date };

/** Sums hourly rows into the axis' buckets; rows outside [from, to) are ignored. */
export function fillBuckets(axis: UsageAxis, rows: readonly HourRow[]): ({ start: number } & UsageCounts)[] {
  const step = axis.bucketHours * hourMs;
  const first = axis.starts[0]!;
  const filled = axis.starts.map((start) => ({ start, uses: 0, refusals: 0 }));
  for (const row of rows) {
    const slot = filled[Math.floor((+row.bucket - first) / step)];
    if (!slot) continue;
    slot.uses += row.uses;
    slot.refusals += row.refusals;
  }
  return filled;
}

export function totalOf(buckets: readonly UsageCounts[]): UsageCounts {
  return buckets.reduce((sum, b) => ({ uses: sum.uses + b.uses, refusals: sum.refusals + b.refusals }), { uses: 0, refusals: 0 });
}
