// Issue 2, part 2: password verifications per second (one per sign-in) at the chosen argon2id
// parameters, with 1 and 2 verifications in flight (they run on the libuv threadpool).
//
// Baseline: @node-rs/argon2's defaults ARE the chosen parameters (m=19456 KiB, t=2, p=1), so a
// "library defaults" baseline would always print 1.0. Instead the baseline is OWASP's lowest-memory
// row of the same table, m=7168 KiB (7 MiB), t=5, p=1 - a setting OWASP rates as equally strong.
// Its CPU work is about the same (7168 x 5 = 35,840 vs 19,456 x 2 = 38,912 KiB-passes), so the ratio
// shows what the memory-heavier choice (better against GPU/ASIC guessing) costs in sign-ins per second.
// Both go through the project's verifyPassword, which reads the parameters from the encoded hash.
import { hash } from "@node-rs/argon2";
import { argon2Parameters, hashPassword, verifyPassword } from "../services/access/domain/passwords/password-hash";
import { compareAlternating, type Timing } from "./lib/measure";
import type { BenchRow, BenchTable } from "./lib/table";

const password = "copper lantern orbit harbour";
export const baselineParameters = { ...argon2Parameters, memoryCost: 7_168, timeCost: 5 } as const;
const concurrencies = [1, 2];

export async function benchArgon2(timing: Timing): Promise<BenchTable> {
  const chosenHash = await hashPassword(password);
  const baselineHash = await hash(password, baselineParameters);
  const verifier = (encoded: string) => async () => {
    if (!(await verifyPassword(encoded, password))) throw new Error("verification failed");
  };
  const { memoryCost: m, timeCost: t, parallelism: p } = argon2Parameters;
  const rows: BenchRow[] = [];
  for (const concurrency of concurrencies) {
    const { baseline: base, test: chosen } = await compareAlternating(verifier(baselineHash), verifier(chosenHash), concurrency, timing);
    rows.push(
      { case: `baseline m=${baselineParameters.memoryCost},t=${baselineParameters.timeCost},p=${p}, ${concurrency} in flight`, result: base, ratio: null },
      { case: `chosen m=${m},t=${t},p=${p}, ${concurrency} in flight`, result: chosen, ratio: chosen.perSecond / base.perSecond },
    );
  }
  return {
    title: "argon2id verifyPassword (verifications/s = sign-ins/s ceiling)",
    note: `ratio = chosen / baseline at the same concurrency; libuv threadpool size ${process.env.UV_THREADPOOL_SIZE ?? "4 (default)"}`,
    rows,
  };
}
