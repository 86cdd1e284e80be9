// Next.js and the libraries it runs print with console.*: in the web tier's process those lines go through
// the process's ECS logger too, so that every line of its log is one JSON object an operator can ship.
import { format } from "node:util";
import { reportError } from "../../observability/error-reports.mjs";

const levels = { log: "info", info: "info", debug: "debug", warn: "warn", error: "error" };

/** Replaces console.log/info/debug/warn/error with lines of `logger` at the matching level. */
export function routeConsoleToLogger(logger) {
  for (const [method, level] of Object.entries(levels)) {
    console[method] = (...args) => {
      const error = args.find((a) => a instanceof Error);
      if (!error) return logger[level](format(...args));
      logger[level]({ err: error }, format(...args.filter((a) => a !== error)) || error.message);
      // What Next.js prints as an error is one it did not expect (a page that failed to render).
      if (level === "error") reportError(error);
    };
  }
}
