import "server-only";
// The web tier's TLS files (TLS_CA_FILE, TLS_CERT_FILE, TLS_KEY_FILE and, when set, TLS_CRL_FILE) and a
// watch on them: change events on their folders (the PKI replaces files by renaming) and a 1-s poll for
// file systems without events. The services keep their own copy (services/common/tls): the web tier may
// not import service code.
import fs from "node:fs";
import path from "node:path";
import type { TlsMaterial } from "./mtls-client";

const names = ["TLS_CA_FILE", "TLS_CERT_FILE", "TLS_KEY_FILE"] as const;

export function tlsFilePaths(): string[] {
  const paths = names.map((name) => {
    const value = process.env[name];
    if (!value) throw new Error(`${name} is not set`);
    return value;
  });
  const crl = process.env.TLS_CRL_FILE;
  return crl ? [...paths, crl] : paths;
}

export function readTlsMaterial(paths: string[]): TlsMaterial {
  const [ca, cert, key, crl] = paths.map((p) => fs.readFileSync(p));
  return { ca, cert, key, crl };
}

/** Calls `onChange` within milliseconds of a change to `paths` (at worst one poll); returns a stop function. */
export function watchTlsFiles(paths: string[], onChange: () => void): () => void {
  let timer: NodeJS.Timeout | undefined;
  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(onChange, 5).unref();
  };
  const watchers: fs.FSWatcher[] = [];
  for (const dir of new Set(paths.map((p) => path.dirname(path.resolve(p))))) {
    const inDir = new Set(paths.filter((p) => path.dirname(path.resolve(p)) === dir).map((p) => path.basename(p)));
    try {
      const watcher = fs.watch(dir, { persistent: false }, (_event, name) => {
        if (!name || inDir.has(name.toString())) schedule();
      });
      watcher.on("error", () => watcher.close());
      watchers.push(watcher);
    } catch {
      // No change events for this folder: the poll covers it.
    }
  }
  const signature = () => paths.map((p) => fs.statSync(p, { throwIfNoEntry: false })).map((s) => (s ? `${s.ino}:${s.size}:${s.mtimeMs}` : "-")).join("|");
  let last = signature();
  const poll = setInterval(() => {
    const now = signature();
    if (now !== last) {
      last = now;
      schedule();
    }
  }, 1000).unref();
  return () => {
    clearInterval(poll);
    clearTimeout(timer);
    watchers.forEach((w) => w.close());
  };
}
