// Open-loop rounds for the half-of-peak tables: from bench/loadgen/open-loop.c, built once with the
// system's C compiler and OpenSSL (Debian: gcc, libssl-dev) into bench/results/, or, where it cannot be
// built, from Node's openLoop (measure.ts) — the same Sample either way, so the tables treat both alike,
// and the table says which generator ran.
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { openLoop, type Sample, type Task } from "./measure";

const source = path.resolve(import.meta.dirname, "../loadgen/open-loop.c");
const binary = path.resolve(import.meta.dirname, "../results/open-loop");

/** The generator's path, built if needed; or why it cannot be (no compiler or OpenSSL headers). */
export function buildNativeOpenLoop(): { binary: string } | { unavailable: string } {
  try {
    if (!fs.existsSync(binary) || fs.statSync(binary).mtimeMs < fs.statSync(source).mtimeMs) {
      fs.mkdirSync(path.dirname(binary), { recursive: true });
      execFileSync("cc", ["-O2", "-o", binary, source, "-lssl", "-lcrypto"], { stdio: "pipe" });
    }
    return { binary };
  } catch (error) {
    return { unavailable: `cannot build bench/loadgen/open-loop.c (${String((error as Error).message).split("\n")[0]}); install gcc and libssl-dev` };
  }
}

export type NativeTarget = {
  port: number;
  tls: { ca: string; cert: string; key: string };
  path: string;
  contentType: "application/json" | "application/x-www-form-urlencoded";
  /** Request bodies, cycled (one line each). */
  bodies: string[];
  connections: number;
  /** Text every good answer's body contains (e.g. `"active":true`). */
  expect?: string;
};

/** Writes the certificates and bodies once; returns a function that runs one open-loop round. */
export function nativeOpenLoop(binary: string, target: NativeTarget) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tessera-loadgen-"));
  const file = (name: string, text: string) => {
    const p = path.join(dir, name);
    fs.writeFileSync(p, text, { mode: 0o600 });
    return p;
  };
  const args = [file("ca.pem", target.tls.ca), file("cert.pem", target.tls.cert), file("key.pem", target.tls.key)];
  const bodies = file("bodies.txt", target.bodies.join("\n") + "\n");
  return {
    run(perSecond: number, durationMs: number): Promise<Sample> {
      return new Promise((resolve, reject) => {
        const child = spawn(binary, ["127.0.0.1", String(target.port), ...args, String(perSecond), String(durationMs / 1000), String(target.connections), target.path, target.contentType, bodies, ...(target.expect ? [target.expect] : [])], {
          stdio: ["ignore", "pipe", "inherit"],
        });
        let out = "";
        child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
        child.on("error", reject);
        child.on("exit", (code, signal) => {
          if (code !== 0) return reject(new Error(`open-loop exited with ${signal ?? code}`));
          const r = JSON.parse(out) as { latenciesUs: number[]; errors: number; elapsedMs: number; cpuMicros: number };
          resolve({ latencies: r.latenciesUs.map((us) => us / 1000), errors: r.errors, elapsedMs: r.elapsedMs, cpuMicros: r.cpuMicros });
        });
      });
    },
    remove: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

export type OpenLoopRunner = { run(perSecond: number, durationMs: number): Promise<Sample>; remove(): void };

/** The generator for these tables: the C one when it builds, else Node's with the same request as `task`. */
export function openLoopRunner(built: ReturnType<typeof buildNativeOpenLoop>, target: NativeTarget, task: Task): OpenLoopRunner {
  if ("binary" in built) return nativeOpenLoop(built.binary, target);
  return { run: (perSecond, durationMs) => openLoop(task, perSecond, durationMs), remove() {} };
}

/** One line for a table's note: which generator ran, and what it cost. */
export function describeGenerator(built: ReturnType<typeof buildNativeOpenLoop>, samples: Sample[]): string {
  const cpu = samples.reduce((n, x) => n + x.cpuMicros, 0) / (10 * samples.reduce((n, x) => n + x.elapsedMs, 0));
  return "binary" in built
    ? `load generator: bench/loadgen/open-loop.c (C, OpenSSL), ${cpu.toFixed(0)}% of one core over the measured rounds`
    : `load generator: Node (${built.unavailable}), ${cpu.toFixed(0)}% of one core over the measured rounds`;
}
