// One writer at a time for the PKI's records: `tessera pki` and the launcher's renewal may run together,
// and a read-modify-write of the index or revocation list by both would lose one of them.
import fs from "node:fs/promises";
import type { PkiFiles } from "../home";

/** A lock older than this is left over from a process that died holding it. */
const staleMs = 60_000;
const waitMs = 15_000;

export async function withPkiLock<T>(files: PkiFiles, work: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    try {
      await fs.mkdir(files.lock); // atomic: exactly one process creates it
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ENOENT") {
        await fs.mkdir(files.dir, { recursive: true, mode: 0o700 });
        continue;
      }
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      const held = await fs.stat(files.lock).catch(() => null);
      if (held && Date.now() - held.mtimeMs > staleMs) await fs.rm(files.lock, { recursive: true, force: true });
      else if (Date.now() > deadline) throw new Error(`The PKI in ${files.dir} is busy (${files.lock} exists); try again, or remove it if no tessera command is running.`);
      else await new Promise((r) => setTimeout(r, 25));
    }
  }
  try {
    return await work();
  } finally {
    await fs.rm(files.lock, { recursive: true, force: true });
  }
}
