// `npm ci` (CI's install) refuses a lock file that lacks an optional platform package; the registry
// mirror here lacks other platforms' packages, so `npm install` leaves them out. Catch that here.
import fs from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";

it("package-lock.json has an entry for every optional dependency (run `npm run lock:complete`)", () => {
  const lock = JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, "../../package-lock.json"), "utf8")) as {
    packages: Record<string, { optionalDependencies?: Record<string, string> }>;
  };
  const missing: string[] = [];
  for (const [at, meta] of Object.entries(lock.packages)) {
    for (const dep of Object.keys(meta.optionalDependencies ?? {})) {
      if (!lock.packages[`${at ? at + "/" : ""}node_modules/${dep}`] && !lock.packages[`node_modules/${dep}`]) missing.push(dep);
    }
  }
  expect(missing).toEqual([]);
});
