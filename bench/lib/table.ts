// Prints benchmark rows as an aligned text table: text left-aligned, numbers right-aligned.
import type { LoadResult } from "./measure";

export type BenchRow = { case: string; result: LoadResult; /** this row over its baseline (req/s, or p99 where the table says so). */ ratio: number | null };

export type BenchTable = { title: string; note?: string; rows: BenchRow[] };

const headers = ["case", "requests", "errors", "req/s", "mean ms", "p50 ms", "p90 ms", "p99 ms", "ratio"];

export function formatTable(table: BenchTable): string {
  const cells = table.rows.map((r) => [
    r.case,
    String(r.result.requests),
    String(r.result.errors),
    r.result.perSecond.toFixed(1),
    ms(r.result.meanMs),
    ms(r.result.p50Ms),
    ms(r.result.p90Ms),
    ms(r.result.p99Ms),
    r.ratio === null ? "baseline" : r.ratio.toFixed(3),
  ]);
  const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((row) => row[i].length)));
  const line = (row: string[]) => row.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ");
  const rule = widths.map((w) => "-".repeat(w)).join("  ");
  return [`## ${table.title}`, ...(table.note ? [table.note] : []), line(headers), rule, ...cells.map(line)].join("\n");
}

function ms(value: number): string {
  if (!Number.isFinite(value)) return "-";
  return value < 10 ? value.toFixed(3) : value.toFixed(1);
}
