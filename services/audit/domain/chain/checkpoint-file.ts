// The checkpoint file: one signed checkpoint (compact JWS) per line, oldest first, in the audit data
// folder (never the database). Appended and flushed to disk; the history stays, so that a later export
// can pick the checkpoints around any segment.
import fs from "node:fs/promises";
import path from "node:path";

export const checkpointsFile = (dataDir: string) => path.join(dataDir, "checkpoints.jsonl");

export async function appendCheckpoint(file: string, jws: string): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const handle = await fs.open(file, "a", 0o600);
  try {
    await handle.write(`${jws}\n`);
    await handle.datasync();
  } finally {
    await handle.close();
  }
}

/** The newest checkpoint in the file, or null when there is none (or no file). */
export async function readNewestCheckpoint(file: string): Promise<string | null> {
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(file, "r");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw e;
  }
  try {
    // A checkpoint is a few hundred bytes: the file's tail holds the newest.
    const { size } = await handle.stat();
    const length = Math.min(size, 8192);
    const { buffer } = await handle.read(Buffer.alloc(length), 0, length, size - length);
    const lines = buffer.toString("utf8").split("\n").map((l) => l.trim()).filter(Boolean);
    return lines.at(-1) ?? null;
  } finally {
    await handle.close();
  }
}
