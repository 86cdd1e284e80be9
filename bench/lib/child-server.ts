// Starts a benchmark server in its own Node process (`node --import tsx`), so that server and load
// generator each get their own event loop (and, on a 2-core machine, their own core).
import { fork } from "node:child_process";
import path from "node:path";
import type { ServerKind, ServerReady, ServerStats } from "../servers/json-server";

export type ChildServer = { port: number; pid: number; stats(): Promise<ServerStats>; stop(): Promise<void> };

const script = path.resolve(import.meta.dirname, "../servers/json-server.ts");

export function startChildServer(kind: ServerKind, env: Record<string, string> = {}): Promise<ChildServer> {
  const child = fork(script, [kind], {
    execArgv: ["--import", "tsx"],
    env: { ...process.env, ...env },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${kind} server did not start within 30 s`)), 30_000);
    child.once("exit", (code) => reject(new Error(`${kind} server exited early with code ${code}`)));
    child.once("message", (message) => {
      clearTimeout(timer);
      const { port } = message as ServerReady;
      resolve({
        port,
        pid: child.pid ?? -1,
        stats: () =>
          new Promise<ServerStats>((done) => {
            child.once("message", (answer) => done((answer as { stats: ServerStats }).stats));
            child.send("stats");
          }),
        async stop() {
          if (child.connected) child.disconnect();
          const killTimer = setTimeout(() => child.kill("SIGKILL"), 5_000);
          await exited;
          clearTimeout(killTimer);
        },
      });
    });
  });
}
