// Starts a benchmark server in its own Node process (`node --import tsx`), so that server and load
// generator each get their own event loop (and, on a 2-core machine, their own core).
import { fork, type ChildProcess } from "node:child_process";
import path from "node:path";
import type { ServerKind, ServerReady, ServerStats } from "../servers/json-server";

export type ChildServer = { port: number; pid: number; stats(): Promise<ServerStats>; stop(): Promise<void> };

const script = path.resolve(import.meta.dirname, "../servers/json-server.ts");

/**
 * Forks `script` under tsx and waits for its first IPC message (its "ready" report). `stop()`
 * disconnects (the child exits when its parent goes) and kills it if it lingers.
 */
export async function forkBenchProcess<Ready>(
  script: string,
  options: { args?: string[]; env?: Record<string, string>; label: string; startTimeoutMs?: number; stopTimeoutMs?: number },
): Promise<{ ready: Ready; child: ChildProcess; stop(): Promise<void> }> {
  const child = fork(script, options.args ?? [], {
    // BENCH_CHILD_NODE_ARGS: flags for the server's node only, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof" to
    // profile it (node refuses --cpu-prof in NODE_OPTIONS).
    execArgv: ["--import", "tsx", ...(process.env.BENCH_CHILD_NODE_ARGS ?? "").split(" ").filter(Boolean)],
    env: { ...process.env, ...options.env },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const ready = await new Promise<Ready>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${options.label} did not start within ${(options.startTimeoutMs ?? 120_000) / 1000} s`)), options.startTimeoutMs ?? 120_000);
    child.once("exit", (code) => reject(new Error(`${options.label} exited early with code ${code}`)));
    child.once("message", (message) => {
      clearTimeout(timer);
      resolve(message as Ready);
    });
  });
  return {
    ready,
    child,
    async stop() {
      if (child.connected) child.disconnect();
      const killTimer = setTimeout(() => child.kill("SIGKILL"), options.stopTimeoutMs ?? 10_000);
      await exited;
      clearTimeout(killTimer);
    },
  };
}

export async function startChildServer(kind: ServerKind, env: Record<string, string> = {}): Promise<ChildServer> {
  const { ready, child, stop } = await forkBenchProcess<ServerReady>(script, { args: [kind], env, label: `${kind} server`, startTimeoutMs: 30_000, stopTimeoutMs: 5_000 });
  return {
    port: ready.port,
    pid: child.pid ?? -1,
    stats: () =>
      new Promise<ServerStats>((done) => {
        child.once("message", (answer) => done((answer as { stats: ServerStats }).stats));
        child.send("stats");
      }),
    stop,
  };
}
