// Helpers for the validation cache tests and bench: a validating client, the "stale window" after a
// change (how long a service keeps giving the old answer), and percentiles for the report.
import { performance } from "node:perf_hooks";
import type { z } from "zod";
import type { validateLicenseResponse } from "../../contracts/license-api";
import type { AccessHarness } from "./start-access-service";

export type Validation = z.infer<typeof validateLicenseResponse>;
export type Validator = (key: string, scope?: string) => Promise<Validation>;

/** Validates as an internal component of `h` over one kept-alive mTLS client. */
export async function validatorFor(h: AccessHarness, identity = "reports-worker"): Promise<Validator> {
  const client = await h.as(identity);
  return async (key, scope) => {
    const res = await client.json<Validation>("POST", "/v1/licenses/validate", { key, ...(scope ? { scope } : {}) });
    if (res.status !== 200) throw new Error(`validate answered ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body;
  };
}

/**
 * Runs `change` (resolved = committed), then asks `isNew` back to back until it is true. `afterAck`: the
 * milliseconds from the change's acknowledgement to the start of the first request that saw the new
 * answer (how long the old answer outlives the acknowledged change); `afterStart`: the same from the
 * moment the change was sent (includes the write itself). Infinity after `limitMs`.
 */
export async function staleWindowMs(change: () => Promise<unknown>, isNew: () => Promise<boolean>, limitMs = 5_000): Promise<{ afterAck: number; afterStart: number }> {
  const sent = performance.now();
  await change();
  const acknowledged = performance.now();
  for (;;) {
    const started = performance.now();
    if (await isNew()) return { afterAck: started - acknowledged, afterStart: started - sent };
    if (started - acknowledged > limitMs) return { afterAck: Infinity, afterStart: Infinity };
  }
}

export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

export const describeWindows = (label: string, samples: number[]) =>
  `${label}: n=${samples.length} p50=${percentile(samples, 50).toFixed(2)} ms p99=${percentile(samples, 99).toFixed(2)} ms max=${Math.max(...samples).toFixed(2)} ms`;

/** Waits until `predicate` holds (polling), or throws after `timeoutMs`. */
export async function waitFor(predicate: () => boolean, timeoutMs = 5_000, what = "condition"): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}
