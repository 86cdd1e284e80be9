// Notices promptly that one of a few files changed: change events on their folders (the PKI replaces files
// by renaming, which a watch on the file itself would miss after the first time), and a poll for file
// systems that send no events (network mounts, some container volumes).
import fs from "node:fs";
import path from "node:path";

export type WatchOptions = {
  /** How often the files are also compared by stat, in ms. */
  pollMs?: number;
  /** Changes closer together than this are reported once (a key and its certificate are renamed one after the other). */
  settleMs?: number;
};

/** Calls `onChange` shortly after any of `paths` is written, renamed or removed; returns a stop function. */
export function watchFiles(paths: string[], onChange: () => void, options: WatchOptions = {}): () => void {
  const settleMs = options.settleMs ?? 5;
  const byFolder = new Map<string, Set<string>>();
  for (const p of paths) {
    const dir = path.dirname(path.resolve(p));
    byFolder.set(dir, (byFolder.get(dir) ?? new Set()).add(path.basename(p)));
  }
  let timer: NodeJS.Timeout | undefined;
  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(onChange, settleMs);
    timer.unref();
  };

  const watchers: fs.FSWatcher[] = [];
  for (const [dir, names] of byFolder) {
    try {
      const watcher = fs.watch(dir, { persistent: false }, (_event, name) => {
        if (!name || names.has(name.toString())) schedule();
      });
      // A folder that disappears or a watch the system refuses leaves the poll to notice changes.
      watcher.on("error", () => watcher.close());
      watchers.push(watcher);
    } catch {
      // No change events here (e.g. the folder does not exist yet): the poll covers it.
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
  }, options.pollMs ?? 1000);
  poll.unref();

  return () => {
    clearInterval(poll);
    clearTimeout(timer);
    for (const w of watchers) w.close();
  };
}
