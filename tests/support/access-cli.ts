// Runs `tessera <args>` as the operator would on the access host: a real process with the access
// service's environment (data folder, database URL, key files) and no reachable access service.
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

export type CliResult = { code: number; out: string; err: string };

export function accessCli(env: { home: string; dataDir: string; databaseUrl?: string }) {
  return (...args: string[]): Promise<CliResult> =>
    run(process.execPath, [path.resolve(import.meta.dirname, "../../cli/tessera.js"), ...args], {
      env: {
        NODE_ENV: "test",
        PATH: process.env.PATH ?? "/usr/bin:/bin",
        HOME: process.env.HOME ?? "/tmp",
        TESSERA_HOME: env.home,
        ACCESS_DATA_DIR: env.dataDir,
        ACCESS_URL: "https://127.0.0.1:1",
        ...(env.databaseUrl ? { ACCESS_DATABASE_URL: env.databaseUrl } : {}),
      },
    }).then(
      (r) => ({ code: 0, out: r.stdout, err: r.stderr }),
      (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout, err: e.stderr }),
    );
}
