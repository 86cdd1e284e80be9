// The open-loop load of bench/loadgen/open-loop.c from Node: built once with the system's C compiler and
// OpenSSL (Debian: gcc, libssl-dev) into bench/results/, then run per measured round. Returns the same
// Sample as the Node generator, so the tables treat both alike. Where it cannot be built, callers use the
// Node generator and say so.
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Sample } from "./measure";

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
        const child = spawn(binary, ["127.0.0.1", String(target.port), ...args, String(perSecond), String(durationMs / 1000), String(target.connections), target.path, bodies, ...(target.expect ? [target.expect] : [])], {
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
