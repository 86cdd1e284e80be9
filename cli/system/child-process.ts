// One supervised OS process of the system: output to a log file (and, when asked, the console), and
// a clean stop with SIGTERM, then SIGKILL if it will not go.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import readline from "node:readline";

export type Child = { name: string; process: ChildProcess; exited: Promise<number | null>; stop(): Promise<void> };

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
  const child = spawn(process.execPath, options.args, { cwd: options.cwd, env: options.env as NodeJS.ProcessEnv, stdio: ["ignore", "pipe", "pipe"] });
  for (const stream of [child.stdout, child.stderr]) {
    readline.createInterface({ input: stream! }).on("line", (line) => {
      log.write(line + "\n");
      options.onLine?.(line);
      const shown = options.echo ? summarise(line) : null;
      if (shown) console.log(`[${options.name}] ${shown}`);
    });
  }
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return {
    name: options.name,
    process: child,
    exited,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGTERM");
      const killer = setTimeout(() => child.kill("SIGKILL"), 12_000);
      await exited;
      clearTimeout(killer);
      log.end();
    },
  };
}

/** Per-request lines stay in the log file; the console shows what an operator wants to see. */
const quietMessages = new Set(["incoming request", "request completed", "audit events delivered"]);

/** A JSON log line shortened for the console (message and a few useful fields), or null to skip it. */
function summarise(line: string): string | null {
  try {
    const entry = JSON.parse(line) as Record<string, unknown>;
    if (typeof entry.msg === "string" && (quietMessages.has(entry.msg) || entry.msg.startsWith("Server listening"))) return null;
    const extras = ["url", "setupUrl", "err"].filter((k) => entry[k] !== undefined).map((k) => `${k}=${typeof entry[k] === "object" ? JSON.stringify(entry[k]) : entry[k]}`);
    return [entry.msg, ...extras].join(" ");
  } catch {
    return line;
  }
}
