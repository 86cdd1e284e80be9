// The half-of-peak (open-loop) comparison both latency benches print: the tail target is a ratio, the
// endpoint's p99 over the bare endpoint's p99 in the same run (at most 1.5), because an absolute bound
// cannot be shown on a shared VM whose own stalls land on both sides alike.
import { summarize, type Sample } from "./measure";
import type { BenchRow } from "./table";

export const tailTarget = 1.5;

/** "7.6 / 3.6 / 10.6": each round's p99, in the order run, so a round a stall landed in shows. */
export const roundP99s = (samples: Sample[]) => samples.map((x) => summarize(0, [x]).p99Ms.toFixed(1)).join(" / ");

/** The table's note line on what the ratio column means here, and whether the target was met. */
export function tailNote(rows: BenchRow[]): string {
  const ratio = rows[1]?.ratio ?? NaN;
  return `ratio = p99 / the bare endpoint's p99 in the same run (target <= ${tailTarget}: ${ratio <= tailTarget ? "met" : "NOT met"}); latency from each request's scheduled start`;
}

/** Two rows: the bare endpoint (baseline) and the endpoint, the ratio being their p99s'. */
export function halfOfPeakRows(cases: { bare: string; test: string }, bare: Sample[], test: Sample[]): BenchRow[] {
  const bareResult = summarize(0, bare);
  const testResult = summarize(0, test);
  return [
    { case: cases.bare, result: bareResult, ratio: null },
    { case: cases.test, result: testResult, ratio: testResult.p99Ms / bareResult.p99Ms },
  ];
}
