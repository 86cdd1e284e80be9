// One bench file run by itself (`node --conditions=react-server --import tsx bench/<file>.ts`): with
// run.ts's HTTP timing and environment variables, printing its tables between two load averages.
import os from "node:os";
import path from "node:path";
import type { Timing } from "./measure";

const loadAverage = () => os.loadavg().map((n) => n.toFixed(2)).join(" ");

/** Runs `bench` when `file` is the script node was started with; `bench` returns the text to print. */
export function whenRunAlone(file: string, bench: (timing: Timing) => Promise<string[]>): void {
  if (path.resolve(process.argv[1] ?? "") !== file) return;
  const seconds = (name: string, fallback: number) => 1000 * Number(process.env[name] ?? fallback);
  console.log(`load average before: ${loadAverage()}\n`);
  bench({ warmupMs: seconds("BENCH_WARMUP_S", 3), measureMs: seconds("BENCH_MEASURE_S", 8), rounds: 4 })
    .then((blocks) => {
      for (const block of blocks) console.log(block + "\n");
      console.log(`load average after: ${loadAverage()}`);
    })
    .catch((err: unknown) => {
      console.error(err);
      process.exitCode = 1;
    });
}
