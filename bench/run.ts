// Runs every benchmark, prints one table each plus machine info, and writes bench/results/latest.json.
// Usage: node --conditions=react-server --import tsx bench/run.ts
//   (react-server makes `import "server-only"` in lib/server resolve to its empty module)
// Timing can be shortened/lengthened with BENCH_WARMUP_S / BENCH_MEASURE_S (HTTP) and
// BENCH_ARGON2_WARMUP_S / BENCH_ARGON2_MEASURE_S; the end-to-end sign-in table (needs PostgreSQL at
// TEST_POSTGRES_URL, else embedded PGlite) with BENCH_SIGNIN_WARMUP_S / BENCH_SIGNIN_MEASURE_S, or
// skipped with BENCH_SIGNIN=0. Licenses and tokens need PostgreSQL; skip them with BENCH_LICENSES_RUN=0 /
// BENCH_TOKENS_RUN=0, the session check with BENCH_SESSIONS_RUN=0, revocation with BENCH_REVOCATION_RUN=0
// (BENCH_REVOCATIONS per row, default 20), request-rate quotas with BENCH_QUOTAS_RUN=0. Tokens alone:
// node --conditions=react-server --import tsx bench/token-introspect.ts (sessions: bench/session-check.ts)
// Names after `--` run only those: `npm run bench -- disclosures` (mtls, revocation, argon2, sign-in, licenses,
// sessions, tokens, quotas, rewrap, disclosures, detector, tracing). The storage key rotation's rewrap rate (issue 11) needs
// PostgreSQL; skip it with BENCH_REWRAP_RUN=0, size it with BENCH_REWRAP_LICENSES (default 100 000). The record of disclosures
// (issue 9; it seeds a million audit events, a few minutes) runs only when named; BENCH_DISCLOSURE_EVENTS and
// BENCH_DISCLOSURE_BATCH size it. Tracing's cost on introspection (issue 11: none / off / on, three servers) runs only when
// named: `npm run bench -- tracing`.
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { benchArgon2 } from "./argon2";
import { benchDetector } from "./detector";
import { benchDisclosures } from "./disclosures";
import { benchLicenseTable } from "./license-table";
import { benchLicenseValidate } from "./license-validate";
import { benchMtlsVsPlain } from "./mtls-vs-plain";
import { benchRequestQuotas } from "./request-quotas";
import { benchRevocation } from "./revocation";
import { benchRewrap } from "./rewrap";
import { benchSessionCheck } from "./session-check";
import { benchSignIn } from "./sign-in";
import { benchTokenIntrospect } from "./token-introspect";
import { benchTracing } from "./tracing";
import type { Timing } from "./lib/measure";
import { formatTable, type BenchTable } from "./lib/table";

const seconds = (name: string, fallback: number) => 1000 * Number(process.env[name] ?? fallback);
const benchNames = ["mtls", "revocation", "argon2", "sign-in", "licenses", "sessions", "tokens", "quotas", "rewrap", "disclosures", "detector", "tracing"] as const;
const named = process.argv.slice(2);
const unknown = named.filter((n) => !(benchNames as readonly string[]).includes(n));
if (unknown.length) {
  console.error(`no benchmark named ${unknown.join(", ")}; choose from ${benchNames.join(", ")}`);
  process.exit(2);
}
/** Named on the command line, or (none named) part of the default run and not skipped by its variable. */
const wanted = (name: (typeof benchNames)[number], skipVariable?: string) =>
  named.length ? named.includes(name) : name !== "disclosures" && name !== "tracing" && (!skipVariable || process.env[skipVariable] !== "0");

async function main() {
  const started = new Date();
  const cpus = os.cpus();
  const machine = {
    cores: cpus.length,
    cpu: cpus[0]?.model ?? "unknown",
    memoryGiB: Number((os.totalmem() / 2 ** 30).toFixed(1)),
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    node: process.version,
    uvThreadpoolSize: process.env.UV_THREADPOOL_SIZE ?? "4 (default)",
  };
  console.log(`# Tessera benchmarks - ${started.toISOString()}`);
  console.log(`machine: ${machine.cores} cores (${machine.cpu}), ${machine.memoryGiB} GiB, ${machine.platform}, node ${machine.node}\n`);

  // Each case: warm-up, then its measured time in alternating slices with its baseline.
  const http: Timing = { warmupMs: seconds("BENCH_WARMUP_S", 3), measureMs: seconds("BENCH_MEASURE_S", 8), rounds: 4 };
  const argon: Timing = { warmupMs: seconds("BENCH_ARGON2_WARMUP_S", 1), measureMs: seconds("BENCH_ARGON2_MEASURE_S", 6), rounds: 3 };
  const signIn: Timing = { warmupMs: seconds("BENCH_SIGNIN_WARMUP_S", 1), measureMs: seconds("BENCH_SIGNIN_MEASURE_S", 4), rounds: 2 };
  const loadBefore = os.loadavg().map((n) => n.toFixed(2)).join(" ");
  console.log(`load average before: ${loadBefore} (other work on this machine skews absolute numbers; ratios less so)\n`);
  const tables: BenchTable[] = [];
  const print = (t: BenchTable) => {
    tables.push(t);
    console.log(formatTable(t) + "\n");
  };

  if (wanted("mtls")) for (const t of await benchMtlsVsPlain(http)) print(t);
  // Revocation (issue 8): how long a revoked certificate is still answered; BENCH_REVOCATION_RUN=0 skips it.
  if (wanted("revocation", "BENCH_REVOCATION_RUN")) print(await benchRevocation());
  if (wanted("argon2")) print(await benchArgon2(argon));
  if (wanted("sign-in", "BENCH_SIGNIN")) print(await benchSignIn(signIn));
  // Licenses (issue 3): need PostgreSQL; skip with BENCH_LICENSES_RUN=0.
  if (wanted("licenses", "BENCH_LICENSES_RUN")) {
    for (const t of await benchLicenseValidate(http)) print(t);
    print(await benchLicenseTable(signIn));
  }
  // Sessions on the token machinery (issue 4): need PostgreSQL; skip with BENCH_SESSIONS_RUN=0.
  if (wanted("sessions", "BENCH_SESSIONS_RUN")) for (const t of await benchSessionCheck(http)) print(t);
  // Tokens (issue 4): need PostgreSQL; skip with BENCH_TOKENS_RUN=0.
  if (wanted("tokens", "BENCH_TOKENS_RUN")) {
    const tokens = await benchTokenIntrospect(http);
    for (const t of tokens.tables) print(t);
    console.log(tokens.comparison + "\n");
  }
  // Request-rate quotas (issue 10): need PostgreSQL; skip with BENCH_QUOTAS_RUN=0.
  if (wanted("quotas", "BENCH_QUOTAS_RUN")) {
    const quotas = await benchRequestQuotas(http);
    for (const t of quotas.tables) print(t);
    console.log(quotas.accuracy + "\n");
  }
  // Storage key rotation (issue 11 §3): the rewrap job's records/s against decrypt-only of the same rows.
  if (wanted("rewrap", "BENCH_REWRAP_RUN")) print(await benchRewrap());
  // The anomaly detector (issue 11): needs PostgreSQL; skip with BENCH_DETECTOR_RUN=0.
  if (wanted("detector", "BENCH_DETECTOR_RUN")) {
    const detector = await benchDetector(http);
    for (const t of detector.tables) print(t);
    for (const text of detector.text) console.log(text + "\n");
  }
  // The record of disclosures (issue 9): only when named (`npm run bench -- disclosures`).
  if (wanted("disclosures")) for (const t of await benchDisclosures(http)) print(t);
  if (wanted("tracing")) print(await benchTracing(http));

  const durationS = (Date.now() - started.getTime()) / 1000;
  const loadAfter = os.loadavg().map((n) => n.toFixed(2)).join(" ");
  console.log(`load average after: ${loadAfter}`);
  console.log(`total ${durationS.toFixed(1)} s; timing: HTTP ${http.warmupMs / 1000} s warm-up + ${http.measureMs / 1000} s per case in ${http.rounds} alternating slices, argon2 ${argon.warmupMs / 1000} s + ${argon.measureMs / 1000} s in ${argon.rounds}, sign-in ${signIn.warmupMs / 1000} s + ${signIn.measureMs / 1000} s in ${signIn.rounds}`);
  const out = path.resolve(import.meta.dirname, "results/latest.json");
  await fs.mkdir(path.dirname(out), { recursive: true });
  await fs.writeFile(out, JSON.stringify({ startedAt: started.toISOString(), durationS, machine, loadAverage: { before: loadBefore, after: loadAfter }, timing: { http, argon2: argon, signIn }, tables }, null, 2) + "\n");
  console.log(`results written to ${path.relative(process.cwd(), out)}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
