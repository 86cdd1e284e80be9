// Words and labels for the usage charts, pure and in UTC (the buckets are UTC-aligned; lib/format.ts keeps
// server and browser in agreement the same way).
import type { UsageRange, UsageSeries } from "@/contracts/token-api";

export const usageRangeLabels: Record<UsageRange, string> = { "24h": "24 hours", "7d": "7 days", "30d": "30 days" };

const time = new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", timeZone: "UTC" });
const day = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", timeZone: "UTC" });
const dayTime = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", hour: "2-digit", minute: "2-digit", timeZone: "UTC" });

/** The axis label of a bucket: its hour, its day and hour, or its day. */
export function bucketLabel(start: string, bucketHours: number): string {
  const at = new Date(start);
  if (bucketHours >= 24) return day.format(at);
  return bucketHours === 1 ? time.format(at) : dayTime.format(at);
}

/** The whole span of a bucket, for the table: "10 Mar, 14:00 – 15:00 UTC". */
export function bucketSpan(start: string, bucketHours: number): string {
  const from = new Date(start);
  if (bucketHours >= 24) return `${day.format(from)} (UTC)`;
  const to = new Date(+from + bucketHours * 3_600_000);
  return `${dayTime.format(from)} – ${time.format(to)} UTC`;
}

const count = (n: number, one: string, many: string) => `${n.toLocaleString("en-GB")} ${n === 1 ? one : many}`;

/** "12 uses and 1 refusal in the last 24 hours." */
export function totalsInWords(usage: Pick<UsageSeries, "range" | "totals">): string {
  const { uses, refusals, rateLimited } = usage.totals;
  const limited = rateLimited === undefined ? "" : `, ${count(rateLimited, "request", "requests")} refused over the request-rate quota`;
  return `${count(uses, "use", "uses")} and ${count(refusals, "refusal", "refusals")}${limited} in the last ${usageRangeLabels[usage.range]}.`;
}

export const hasUsage = (usage: Pick<UsageSeries, "totals">) => usage.totals.uses + usage.totals.refusals + (usage.totals.rateLimited ?? 0) > 0;
