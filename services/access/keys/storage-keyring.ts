// The storage keyring: versioned AES-256-GCM keys that encrypt secrets at rest in the access database
// (license keys). Every ciphertext names its key version, so old data stays readable after rotation;
// the record id is bound as associated data, so a ciphertext moved to another row does not decrypt.
//
// File format (JSON, mode 0600, never in the database):
//   { "current": 2, "keys": { "1": "<base64 32 bytes>", "2": "…" }, "created": { "2": "<ISO date>" }, "minDecryptionVersion": 2 }
// `created` dates each version (files from before it have none for older versions); `minDecryptionVersion`
// (as Vault's transit keys) refuses ciphertexts under older versions once a rewrap job moved everything off
// them (keys/rewrap-job.ts). Their keys stay in the file, so an operator can lower it again; nothing is deleted.
// Ciphertext format: "k<version>.<base64url(iv 12 bytes | ciphertext | tag 16 bytes)>"
//
// Online rotation: `tessera keys rotate` adds a version to the file and makes it current while services
// run. A keyring loaded from a file re-reads it when the file changes (checked at most every few seconds,
// and at once when it meets a version it does not know), so running services pick up the new key
// without a restart and can read what `tessera keys reencrypt` rewrites.
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";

const versionKey = z.string().regex(/^[1-9]\d*$/);
const fileSchema = z.object({
  current: z.number().int().positive(),
  keys: z.record(versionKey, z.string()),
  created: z.record(versionKey, z.iso.datetime()).optional(),
  minDecryptionVersion: z.number().int().positive().optional(),
});
type KeyringFile = z.infer<typeof fileSchema>;

const ivLength = 12;
const tagLength = 16;
const ciphertextPattern = /^k([1-9]\d{0,8})\.([A-Za-z0-9_-]+)$/;
/** How long a file-backed keyring trusts its copy before looking at the file's modification time again. */
export const keyringRecheckMs = 5_000;

export type StorageKeyring = {
  /** The version new ciphertexts are written under. */
  readonly currentVersion: number;
  /** Every version this keyring holds (those below minDecryptionVersion are held but refused). */
  readonly versions: readonly number[];
  /** Ciphertexts under an older version are refused (1: none refused). */
  readonly minDecryptionVersion: number;
  /** When a version was added; null where the keyring does not record it (older files, ACCESS_KEYRING without dates). */
  createdAt(version: number): Date | null;
  /** Re-reads a file-backed keyring now (after this process changed the file); a fixed keyring has nothing to re-read. */
  refresh(): void;
  encrypt(plaintext: string, associatedData: string): string;
  /** Throws on a tampered ciphertext, wrong associated data or an unknown key version. */
  decrypt(ciphertext: string, associatedData: string): string;
  versionOf(ciphertext: string): number;
};

/** Refusals of `decrypt`, with messages that name no key or plaintext material. */
export class KeyringError extends Error {
  constructor(readonly reason: "malformed" | "unknown-version" | "retired-version" | "authentication-failed", message: string) {
    super(message);
    this.name = "KeyringError";
  }
}

export function versionOfCiphertext(ciphertext: string): number {
  const match = ciphertextPattern.exec(ciphertext);
  if (!match) throw new KeyringError("malformed", "not a keyring ciphertext (expected k<version>.<base64url>)");
  return Number(match[1]);
}

type KeyringState = { current: number; keys: Map<number, Buffer>; created: Map<number, Date>; minDecryptionVersion: number };

function validateKeys(current: number, keys: Map<number, Buffer>, minDecryptionVersion = 1): void {
  for (const [version, key] of keys) {
    if (!Number.isInteger(version) || version < 1) throw new Error(`storage key version ${version} must be a positive integer`);
    if (key.length !== 32) throw new Error(`storage key ${version} must be 32 bytes`);
  }
  if (!keys.has(current)) throw new Error(`the current storage key version ${current} is not in the keyring`);
  if (minDecryptionVersion > current) throw new Error(`the minimum decryption version ${minDecryptionVersion} is above the current version ${current}`);
}

function encryptWith(version: number, key: Buffer, plaintext: string, associatedData: string): string {
  const iv = randomBytes(ivLength);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(associatedData, "utf8"));
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return `k${version}.${Buffer.concat([iv, body, cipher.getAuthTag()]).toString("base64url")}`;
}

function decryptWith(version: number, key: Buffer, ciphertext: string, associatedData: string): string {
  const raw = Buffer.from(ciphertext.slice(ciphertext.indexOf(".") + 1), "base64url");
  if (raw.length < ivLength + tagLength) throw new KeyringError("malformed", "ciphertext too short");
  const decipher = createDecipheriv("aes-256-gcm", key, raw.subarray(0, ivLength), { authTagLength: tagLength });
  decipher.setAAD(Buffer.from(associatedData, "utf8"));
  decipher.setAuthTag(raw.subarray(raw.length - tagLength));
  try {
    return Buffer.concat([decipher.update(raw.subarray(ivLength, raw.length - tagLength)), decipher.final()]).toString("utf8");
  } catch {
    throw new KeyringError("authentication-failed", `ciphertext under key version ${version} failed authentication: altered, or bound to another record`);
  }
}

/** A keyring over fixed keys; `reload` (file-backed keyrings) may return newer keys on an unknown version. */
function keyringOver(state: () => KeyringState, reload: () => boolean): StorageKeyring {
  return {
    get currentVersion() {
      return state().current;
    },
    get versions() {
      return [...state().keys.keys()].sort((a, b) => a - b);
    },
    get minDecryptionVersion() {
      return state().minDecryptionVersion;
    },
    createdAt(version) {
      return state().created.get(version) ?? null;
    },
    versionOf: versionOfCiphertext,
    refresh() {
      reload();
    },
    encrypt(plaintext, associatedData) {
      const { current, keys } = state();
      return encryptWith(current, keys.get(current)!, plaintext, associatedData);
    },
    decrypt(ciphertext, associatedData) {
      const version = versionOfCiphertext(ciphertext);
      const min = state().minDecryptionVersion;
      if (version < min) throw retired(version, min);
      let key = state().keys.get(version);
      if (!key && reload()) key = state().keys.get(version);
      if (!key) throw new KeyringError("unknown-version", `storage key version ${version} is not in the keyring (known: ${[...state().keys.keys()].join(", ")})`);
      return decryptWith(version, key, ciphertext, associatedData);
    },
  };
}

const retired = (version: number, min: number) =>
  new KeyringError("retired-version", `storage key version ${version} is retired: the minimum decryption version is ${min}, set after a rewrap moved every record off older versions`);

export function createKeyring(current: number, keys: Map<number, Buffer>, options: { minDecryptionVersion?: number; created?: Map<number, Date> } = {}): StorageKeyring {
  validateKeys(current, keys, options.minDecryptionVersion);
  const fixed = { current, keys: new Map(keys), created: new Map(options.created), minDecryptionVersion: options.minDecryptionVersion ?? 1 };
  return keyringOver(() => fixed, () => false);
}

function readKeyringFile(file: string): KeyringState {
  const mode = fs.statSync(file).mode;
  if (mode & 0o077) throw new Error(`${file} is readable by others (mode ${(mode & 0o777).toString(8)}); run: chmod 600 ${file}`);
  return parseKeyring(fs.readFileSync(file, "utf8"), file);
}

/** The keyring format, from a file or an environment variable; errors name the source, never its content. */
function parseKeyring(text: string, source: string): KeyringState {
  let parsed: KeyringFile;
  try {
    parsed = fileSchema.parse(JSON.parse(text));
  } catch {
    throw new Error(`${source} is not a storage keyring ({"current": N, "keys": {"N": "<base64 of 32 bytes>"}})`);
  }
  const keys = new Map(Object.entries(parsed.keys).map(([v, k]) => [Number(v), Buffer.from(k, "base64")]));
  const minDecryptionVersion = parsed.minDecryptionVersion ?? 1;
  try {
    validateKeys(parsed.current, keys, minDecryptionVersion);
  } catch (e) {
    throw new Error(`${source}: ${(e as Error).message}`);
  }
  const created = new Map(Object.entries(parsed.created ?? {}).map(([v, at]) => [Number(v), new Date(at)]));
  return { current: parsed.current, keys, created, minDecryptionVersion };
}

function toFile(state: KeyringState): KeyringFile {
  const keys: Record<string, string> = {};
  for (const [version, key] of state.keys) keys[String(version)] = key.toString("base64");
  const created: Record<string, string> = {};
  for (const [version, at] of state.created) created[String(version)] = at.toISOString();
  return { current: state.current, keys, created, ...(state.minDecryptionVersion > 1 ? { minDecryptionVersion: state.minDecryptionVersion } : {}) };
}

/**
 * A keyring given in the environment (ACCESS_KEYRING, the same JSON as the file), for deployments
 * that inject secrets as variables. It is fixed for the life of the process: rotate by adding a
 * version to the variable, making it current, and restarting the access processes one by one.
 */
export function keyringFromEnvironment(text: string, variable = "ACCESS_KEYRING"): StorageKeyring {
  const { current, keys, created, minDecryptionVersion } = parseKeyring(text, variable);
  return createKeyring(current, keys, { created, minDecryptionVersion });
}

/** A keyring backed by its file, following changes made by `tessera keys rotate` while it runs. */
export function loadKeyring(file: string): StorageKeyring {
  if (!fs.existsSync(file)) throw new Error(`no storage keyring at ${file}; the access service creates it on first start`);
  let loaded = readKeyringFile(file);
  // Rotation replaces the file (rename), so inode and modification time together tell a change.
  const signature = () => {
    const stat = fs.statSync(file, { throwIfNoEntry: false });
    return stat ? `${stat.ino}:${stat.mtimeMs}:${stat.size}` : undefined;
  };
  let loadedSignature = signature();
  let checkedAt = Date.now();
  const reload = (): boolean => {
    checkedAt = Date.now();
    const now = signature();
    if (now === undefined || now === loadedSignature) return false;
    // A half-written or broken file must not take a running service down: keep the keys already held.
    try {
      loaded = readKeyringFile(file);
      loadedSignature = now;
      return true;
    } catch {
      return false;
    }
  };
  return keyringOver(() => {
    if (Date.now() - checkedAt > keyringRecheckMs) reload();
    return loaded;
  }, reload);
}

/** Writes a keyring file atomically (temporary file, then rename) with mode 0600. */
function writeKeyringFile(file: string, content: KeyringFile, exclusive: boolean): void {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const text = JSON.stringify(content, null, 2) + "\n";
  if (exclusive) {
    fs.writeFileSync(file, text, { mode: 0o600, flag: "wx" });
    return;
  }
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, text, { mode: 0o600, flag: "wx" });
  fs.renameSync(temporary, file);
}

/** Loads the keyring file, creating it with one fresh key on first start. */
export function loadOrCreateKeyring(file: string): StorageKeyring {
  if (!fs.existsSync(file)) {
    try {
      writeKeyringFile(file, { current: 1, keys: { "1": randomBytes(32).toString("base64") }, created: { "1": new Date().toISOString() } }, true);
    } catch (e) {
      // Another process created it first: use theirs.
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    }
  }
  return loadKeyring(file);
}

/** Adds a fresh key version to the file and makes it current; older versions stay so old data still reads. */
export function rotateKeyringFile(file: string, now = new Date()): { previous: number; current: number } {
  const state = readKeyringFile(file);
  const next = Math.max(...state.keys.keys()) + 1;
  state.keys.set(next, randomBytes(32));
  state.created.set(next, now);
  writeKeyringFile(file, toFile({ ...state, current: next }), false);
  return { previous: state.current, current: next };
}

/**
 * Refuses ciphertexts under versions older than `version` from now on (every process following the file
 * within keyringRecheckMs). Only a rewrap job that counted nothing left under them calls it. Never lowers it.
 */
export function raiseMinimumDecryptionVersion(file: string, version: number): { previous: number; current: number } {
  const state = readKeyringFile(file);
  if (version > state.current) throw new Error(`cannot refuse the current storage key version ${state.current} or older than ${version}`);
  const previous = state.minDecryptionVersion;
  if (version > previous) writeKeyringFile(file, toFile({ ...state, minDecryptionVersion: version }), false);
  return { previous, current: Math.max(previous, version) };
}

/** The versions the keyring file holds now (a rewrap job checks the file itself, not a copy up to keyringRecheckMs old). */
export function keyringFileVersions(file: string): { current: number; versions: number[]; minDecryptionVersion: number } {
  const state = readKeyringFile(file);
  return { current: state.current, versions: [...state.keys.keys()].sort((a, b) => a - b), minDecryptionVersion: state.minDecryptionVersion };
}
