// Closed-loop load generator: `concurrency` workers each start one operation, await it, start the next.
// `compareAlternating` measures a baseline and a test case in alternating slices, so background load
// on a shared machine drifts into both sides alike instead of skewing their ratio.
import { performance } from "node:perf_hooks";

export type Task = () => Promise<unknown>;

export type Timing = {
  /** Unrecorded run of each case before measuring (connections, TLS handshakes, JIT). */
  warmupMs: number;
  /** Measured time per case, split into `rounds` alternating slices. */
  measureMs: number;
  rounds: number;
};

/** One measured slice: latencies of operations started inside it, and the time they took overall. */
export type Sample = { latencies: number[]; errors: number; elapsedMs: number; cpuMicros: number };

export type LoadResult = {
  concurrency: number;
  requests: number;
  errors: number;
  elapsedMs: number;
  perSecond: number;
  meanMs: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
  /** CPU time of this (load-generating) process over the measured time, as % of one core. */
  clientCpuPercent: number;
};

/** Runs `task` with `concurrency` workers for `durationMs`. */
export async function runSlice(task: Task, concurrency: number, durationMs: number): Promise<Sample> {
  const latencies: number[] = [];
  let errors = 0;
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  const stopAt = start + durationMs;
  let lastEnd = start;
  // Workers stop starting operations at `stopAt`; the ones in flight are awaited and counted, so
  // throughput = operations started in the slice / time until the last of them finished.
  const worker = async () => {
    for (let t0 = performance.now(); t0 < stopAt; t0 = performance.now()) {
      let failed = false;
      try {
        await task();
      } catch {
        failed = true;
      }
      const t1 = performance.now();
      lastEnd = Math.max(lastEnd, t1);
      if (failed) errors += 1;
      else latencies.push(t1 - t0);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const cpu = process.cpuUsage(cpuStart);
  return { latencies, errors, elapsedMs: lastEnd - start, cpuMicros: cpu.user + cpu.system };
}

export function summarize(concurrency: number, samples: Sample[]): LoadResult {
  const latencies = samples.flatMap((s) => s.latencies);
  const errors = samples.reduce((n, s) => n + s.errors, 0);
  const elapsedMs = samples.reduce((n, s) => n + s.elapsedMs, 0);
  const cpuMicros = samples.reduce((n, s) => n + s.cpuMicros, 0);
  const sorted = Float64Array.from(latencies).sort();
  const sum = latencies.reduce((a, b) => a + b, 0);
  return {
    concurrency,
    requests: latencies.length,
    errors,
    elapsedMs,
    perSecond: elapsedMs > 0 ? (latencies.length * 1000) / elapsedMs : 0,
    meanMs: latencies.length ? sum / latencies.length : NaN,
    p50Ms: percentile(sorted, 50),
    p90Ms: percentile(sorted, 90),
    p99Ms: percentile(sorted, 99),
    maxMs: sorted.length ? sorted[sorted.length - 1] : NaN,
    clientCpuPercent: elapsedMs > 0 ? cpuMicros / 10 / elapsedMs : 0,
  };
}

/** Warms both cases up, then measures them in `rounds` alternating slices (baseline first each round). */
export async function compareAlternating(baseline: Task, test: Task, concurrency: number, timing: Timing) {
  await runSlice(baseline, concurrency, timing.warmupMs);
  await runSlice(test, concurrency, timing.warmupMs);
  const sliceMs = timing.measureMs / timing.rounds;
  const base: Sample[] = [];
  const tested: Sample[] = [];
  for (let round = 0; round < timing.rounds; round += 1) {
    base.push(await runSlice(baseline, concurrency, sliceMs));
    tested.push(await runSlice(test, concurrency, sliceMs));
  }
  return { baseline: summarize(concurrency, base), test: summarize(concurrency, tested) };
}

/** Nearest-rank percentile of an ascending array. */
export function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

/** Open loop: starts requests on a fixed schedule whatever the answers; latency counts from the scheduled start. */
export async function openLoop(task: Task, perSecond: number, durationMs: number): Promise<Sample> {
  const latencies: number[] = [];
  let errors = 0;
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  const total = Math.floor((perSecond * durationMs) / 1000);
  const inFlight: Promise<void>[] = [];
  let sent = 0;
  let lastEnd = start;
  while (sent < total) {
    const due = Math.min(total, Math.floor(((performance.now() - start) * perSecond) / 1000) + 1);
    for (; sent < due; sent++) {
      const scheduled = start + (sent * 1000) / perSecond;
      inFlight.push(
        task().then(
          () => {
            const end = performance.now();
            lastEnd = Math.max(lastEnd, end);
            latencies.push(end - scheduled);
          },
          () => void (errors += 1),
        ),
      );
    }
    await new Promise((r) => setTimeout(r, 1));
  }
  await Promise.all(inFlight);
  const cpu = process.cpuUsage(cpuStart);
  return { latencies, errors, elapsedMs: lastEnd - start, cpuMicros: cpu.user + cpu.system };
}
