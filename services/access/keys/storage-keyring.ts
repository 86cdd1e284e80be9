// The storage keyring: versioned AES-256-GCM keys that encrypt secrets at rest in the access database
// (license keys). Every ciphertext names its key version, so old data stays readable after rotation;
// the record id is bound as associated data, so a ciphertext moved to another row does not decrypt.
//
// File format (JSON, mode 0600, never in the database): { "current": 2, "keys": { "1": "<base64 32 bytes>", "2": "…" } }
// Ciphertext format: "k<version>.<base64url(iv 12 bytes | ciphertext | tag 16 bytes)>"
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";

const fileSchema = z.object({
  current: z.number().int().positive(),
  keys: z.record(z.string().regex(/^\d+$/), z.string()),
});

export type StorageKeyring = {
  currentVersion: number;
  encrypt(plaintext: string, associatedData: string): string;
  /** Throws on a tampered ciphertext, wrong associated data or an unknown key version. */
  decrypt(ciphertext: string, associatedData: string): string;
  versionOf(ciphertext: string): number;
};

export function createKeyring(current: number, keys: Map<number, Buffer>): StorageKeyring {
  for (const [version, key] of keys) if (key.length !== 32) throw new Error(`storage key ${version} must be 32 bytes`);
  if (!keys.has(current)) throw new Error(`the current storage key version ${current} is not in the keyring`);
  const versionOf = (ciphertext: string) => {
    const match = /^k(\d+)\./.exec(ciphertext);
    if (!match) throw new Error("not a keyring ciphertext");
    return Number(match[1]);
  };
  return {
    currentVersion: current,
    versionOf,
    encrypt(plaintext, associatedData) {
      const iv = randomBytes(12);
      const cipher = createCipheriv("aes-256-gcm", keys.get(current)!, iv);
      cipher.setAAD(Buffer.from(associatedData, "utf8"));
      const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
      return `k${current}.${Buffer.concat([iv, body, cipher.getAuthTag()]).toString("base64url")}`;
    },
    decrypt(ciphertext, associatedData) {
      const version = versionOf(ciphertext);
      const key = keys.get(version);
      if (!key) throw new Error(`storage key version ${version} is not in the keyring`);
      const raw = Buffer.from(ciphertext.slice(ciphertext.indexOf(".") + 1), "base64url");
      if (raw.length < 28) throw new Error("ciphertext too short");
      const decipher = createDecipheriv("aes-256-gcm", key, raw.subarray(0, 12));
      decipher.setAAD(Buffer.from(associatedData, "utf8"));
      decipher.setAuthTag(raw.subarray(raw.length - 16));
      return Buffer.concat([decipher.update(raw.subarray(12, raw.length - 16)), decipher.final()]).toString("utf8");
    },
  };
}

/** Loads the keyring file, creating it with one fresh key on first start. */
export function loadOrCreateKeyring(file: string): StorageKeyring {
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    const initial = { current: 1, keys: { "1": randomBytes(32).toString("base64") } };
    fs.writeFileSync(file, JSON.stringify(initial, null, 2) + "\n", { mode: 0o600, flag: "wx" });
  }
  const parsed = fileSchema.parse(JSON.parse(fs.readFileSync(file, "utf8")));
  const keys = new Map(Object.entries(parsed.keys).map(([v, k]) => [Number(v), Buffer.from(k, "base64")]));
  return createKeyring(parsed.current, keys);
}
