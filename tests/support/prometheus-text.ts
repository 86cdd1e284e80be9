// Reading Prometheus text exposition in tests: the sum of a metric's samples whose labels include the
// given ones, and promtool (Debian's `prometheus` package; .ci/run installs it) on scraped text and rule files.
import { spawnSync } from "node:child_process";

/** Sum of `name`'s samples whose labels include every one of `labels` (0 when none matches). */
export function sampleSum(text: string, name: string, labels: Record<string, string> = {}): number {
  let sum = 0;
  for (const line of text.split("\n")) {
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{[^}]*\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const labelText = match[2] ?? "";
    if (Object.entries(labels).every(([k, v]) => labelText.includes(`${k}="${v}"`))) sum += Number(match[3]);
  }
  return sum;
}

/** Whether `name` has any sample at all. */
export const hasSeries = (text: string, name: string) => text.split("\n").some((l) => l.startsWith(`${name} `) || l.startsWith(`${name}{`));

export const promtoolInstalled = (): boolean => spawnSync("promtool", ["--version"], { stdio: "ignore" }).status === 0;

/** promtool's verdict: exit status and what it printed (a lint problem is printed and exits 1). */
export function promtool(args: string[], input?: string): { status: number | null; output: string } {
  const run = spawnSync("promtool", args, { input, encoding: "utf8" });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

