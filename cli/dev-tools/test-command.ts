// `tessera test` (= `npm test`): type-check, lint, unit, integration, build and end-to-end, in that
// order, stopping at the first failing step; ends with one "N passed, N failed" line over all tests.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { repoRoot } from "../home";

type Step = { name: string; command: string[]; report?: string; count?: (report: string) => { passed: number; failed: number; skipped: number } };

const bin = (name: string) => path.join(repoRoot, "node_modules", ".bin", name);
const reportDir = fs.mkdtempSync(path.join(os.tmpdir(), "tessera-test-"));

const vitestCount = (file: string) => {
  const r = JSON.parse(fs.readFileSync(file, "utf8")) as { numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number };
  return { passed: r.numPassedTests, failed: r.numFailedTests, skipped: r.numPendingTests + r.numTodoTests };
};
const playwrightCount = (file: string) => {
  const r = JSON.parse(fs.readFileSync(file, "utf8")) as { stats: { expected: number; unexpected: number; flaky: number; skipped: number } };
  return { passed: r.stats.expected + r.stats.flaky, failed: r.stats.unexpected, skipped: r.stats.skipped };
};

const vitest = (project: string): Step => {
  const report = path.join(reportDir, `${project}.json`);
  return { name: `${project} tests`, command: [bin("vitest"), "run", "--project", project, "--reporter=default", "--reporter=json", `--outputFile.json=${report}`], report, count: vitestCount };
};

export async function run(args: string[]): Promise<number> {
  const only = new Set(args);
  const e2eReport = path.join(reportDir, "e2e.json");
  const steps: Step[] = [
    { name: "type-check", command: [bin("tsc"), "--noEmit", "-p", "."] },
    { name: "lint", command: [bin("eslint"), "--max-warnings=0", "."] },
    vitest("unit"),
    vitest("integration"),
    { name: "build", command: [bin("next"), "build"] },
    { name: "e2e tests", command: [bin("playwright"), "test"], report: e2eReport, count: playwrightCount },
  ].filter((s) => only.size === 0 || only.has(s.name.split(" ")[0]));

  const totals = { passed: 0, failed: 0, skipped: 0 };
  let failedStep: string | null = null;
  for (const step of steps) {
    console.log(`\n=== ${step.name}: ${step.command.map((c) => path.relative(repoRoot, c) || c).join(" ")}`);
    const started = Date.now();
    const result = spawnSync(step.command[0], step.command.slice(1), {
      cwd: repoRoot,
      stdio: "inherit",
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...(step.name === "e2e tests" ? { PLAYWRIGHT_JSON_OUTPUT_NAME: e2eReport } : {}) },
    });
    if (step.report && step.count && fs.existsSync(step.report)) {
      const c = step.count(step.report);
      totals.passed += c.passed;
      totals.failed += c.failed;
      totals.skipped += c.skipped;
    }
    console.log(`=== ${step.name}: ${result.status === 0 ? "ok" : "FAILED"} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    if (result.status !== 0) {
      failedStep = step.name;
      if (totals.failed === 0) totals.failed = 1; // a step that failed without counted tests still fails the run
      break;
    }
  }
  console.log(`\n${failedStep ? `failed at: ${failedStep}\n` : ""}tests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
  return failedStep ? 1 : 0;
}
