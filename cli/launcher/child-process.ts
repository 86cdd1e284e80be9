// One OS process of the system: output to a log file (and, when asked, the console), a clean stop with
// SIGTERM, then SIGKILL if it will not go, and — once supervised — a restart with backoff whenever it
// exits on its own, said on the console and in its log, while the other processes keep serving.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import readline from "node:readline";
import { createLogger } from "../../observability/logger.mjs";

export type Child = {
  name: string;
  /** The process running now (a new one after each restart). */
  readonly process: ChildProcess;
  /** How many times it has been restarted. */
  readonly restarts: number;
  /** Resolves with the exit code once it has stopped for good (stop(), or unsupervised and exited). */
  exited: Promise<number | null>;
  /** From now on, restart it whenever it exits on its own. */
  supervise(): void;
  stop(): Promise<void>;
};

/** Seconds before each restart: doubling, up to half a minute; back to the first after a minute up. */
export const restartBackoffSeconds = [1, 2, 4, 8, 16, 30];
const healthyAfterMs = 60_000;

export function startChild(options: {
  name: string;
  args: string[];
  env: Record<string, string | undefined>;
  cwd: string;
  logFile: string;
  echo: boolean;
  onLine?: (line: string) => void;
}): Child {
  const log = fs.createWriteStream(options.logFile, { flags: "a" });
  // The launcher's own lines in the process's log are ECS lines too, of the service "launcher".
  const supervisorLog = createLogger({ service: "launcher", destination: log });
  let current: ChildProcess;
  let startedAt = 0;
  let restarts = 0;
  let backoff = 0;
  let supervised = false;
  let stopping = false;
  let pendingRestart: NodeJS.Timeout | null = null;
  let resolveExited!: (code: number | null) => void;
  const exited = new Promise<number | null>((resolve) => (resolveExited = resolve));

  const say = (message: string) => {
    supervisorLog.warn({ "process.name": options.name }, message);
    if (options.echo) console.log(`[${options.name}] ${message}`);
  };

  const launch = () => {
    const child = spawn(process.execPath, options.args, { cwd: options.cwd, env: options.env as NodeJS.ProcessEnv, stdio: ["ignore", "pipe", "pipe"] });
    current = child;
    startedAt = Date.now();
    for (const stream of [child.stdout, child.stderr]) {
      readline.createInterface({ input: stream! }).on("line", (line) => {
        log.write(line + "\n");
        options.onLine?.(line);
        const shown = options.echo ? summarise(line) : null;
        if (shown) console.log(`[${options.name}] ${shown}`);
      });
    }
    child.on("exit", (code, signal) => {
      if (child !== current) return;
      if (stopping || !supervised) {
        resolveExited(code);
        return;
      }
      if (Date.now() - startedAt >= healthyAfterMs) backoff = 0;
      const wait = restartBackoffSeconds[Math.min(backoff, restartBackoffSeconds.length - 1)];
      backoff += 1;
      say(`exited unexpectedly (${signal ? `signal ${signal}` : `code ${code}`}); restarting in ${wait} s — the other processes keep serving`);
      pendingRestart = setTimeout(() => {
        pendingRestart = null;
        if (stopping) return resolveExited(code);
        restarts += 1;
        launch();
        say(`restarted (pid ${current.pid}, restart ${restarts})`);
      }, wait * 1000);
    });
  };
  launch();

  return {
    name: options.name,
    get process() {
      return current;
    },
    get restarts() {
      return restarts;
    },
    exited,
    supervise() {
      supervised = true;
    },
    async stop() {
      stopping = true;
      if (pendingRestart) {
        clearTimeout(pendingRestart);
        pendingRestart = null;
        resolveExited(current.exitCode);
      }
      if (current.exitCode === null && current.signalCode === null) {
        current.kill("SIGTERM");
        const killer = setTimeout(() => current.kill("SIGKILL"), 12_000);
        await exited;
        clearTimeout(killer);
      }
      log.end();
    },
  };
}

/** Per-request lines stay in the log file; the console shows what an operator wants to see. */
const quietMessages = new Set(["request completed", "audit events delivered", "audit event received"]);

/** A JSON log line shortened for the console (message and a few useful fields), or null to skip it. */
function summarise(line: string): string | null {
  try {
    // ECS lines (observability/logger.mjs): our own fields sit under `tessera`.
    const entry = JSON.parse(line) as Record<string, unknown>;
    const own = (typeof entry.tessera === "object" && entry.tessera !== null ? entry.tessera : {}) as Record<string, unknown>;
    const message = entry.message;
    if (typeof message === "string" && (quietMessages.has(message) || message.startsWith("Server listening"))) return null;
    const fields: Record<string, unknown> = { url: own.url ?? entry["url.full"], setupUrl: own.setupUrl, err: entry["error.message"] };
    const extras = Object.entries(fields).filter(([, v]) => v !== undefined).map(([k, v]) => `${k}=${typeof v === "object" ? JSON.stringify(v) : v}`);
    return [message, ...extras].join(" ");
  } catch {
    return line;
  }
}
