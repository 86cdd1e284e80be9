// The audit chain key: 32 random bytes, stored base64-encoded (one line, 44 characters) in the file
// named by AUDIT_CHAIN_KEY_FILE, readable by the audit service alone (0600). It is the only key of
// its purpose and is never stored in the audit database it protects.
import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";

const keyBytes = 32;

export function parseChainKey(text: string): Buffer {
  const trimmed = text.trim();
  const key = Buffer.from(trimmed, "base64");
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(trimmed) || key.length !== keyBytes) {
    throw new Error(`the audit chain key must be ${keyBytes} bytes, base64-encoded on one line`);
  }
  return key;
}

/** Reads the key, creating it (0600, in a 0700 folder when new) if the file does not exist yet. */
export async function loadOrCreateChainKey(file: string): Promise<{ key: Buffer; created: boolean }> {
  try {
    return { key: parseChainKey(await fs.readFile(file, "utf8")), created: false };
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
  }
  await fs.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const key = randomBytes(keyBytes);
  // "wx": never overwrite a key another process created meanwhile.
  await fs.writeFile(file, `${key.toString("base64")}\n`, { mode: 0o600, flag: "wx" }).catch(async (e: NodeJS.ErrnoException) => {
    if (e.code !== "EEXIST") throw e;
  });
  return { key: parseChainKey(await fs.readFile(file, "utf8")), created: true };
}
