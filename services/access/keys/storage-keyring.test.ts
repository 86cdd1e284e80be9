// The storage keyring: authenticated encryption bound to a record, key versions, and file-based rotation.
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { assertPythonFernetAvailable } from "../../../tests/support/python-fernet";
import { createKeyring, keyringFileVersions, keyringFromEnvironment, KeyringError, loadKeyring, loadOrCreateKeyring, raiseMinimumDecryptionVersion, rotateKeyringFile } from "./storage-keyring";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "keyring-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
afterEach(() => vi.useRealTimers());

const reasonOf = (fn: () => unknown) => {
  try {
    fn();
    return "none";
  } catch (e) {
    return e instanceof KeyringError ? e.reason : `unexpected: ${(e as Error).message}`;
  }
};

/** Flips one bit of the decoded body at `index` (negative counts from the end). */
const tamper = (ciphertext: string, index: number) => {
  const [prefix, body] = ciphertext.split(".");
  const raw = Buffer.from(body, "base64url");
  raw[(index + raw.length) % raw.length] ^= 0x01;
  return `${prefix}.${raw.toString("base64url")}`;
};

describe("storage keyring", () => {
  const k1 = randomBytes(32);
  const k2 = randomBytes(32);

  it("round-trips text, names its key version, and never repeats a ciphertext", () => {
    const keyring = createKeyring(1, new Map([[1, k1]]));
    for (const text of ["", "tlk_abc", "ünïcødé ✓", "x".repeat(10_000)]) {
      const sealed = keyring.encrypt(text, "license:lic_1");
      expect(sealed).toMatch(/^k1\.[A-Za-z0-9_-]+$/);
      expect(keyring.decrypt(sealed, "license:lic_1")).toBe(text);
    }
    expect(keyring.encrypt("same", "a")).not.toBe(keyring.encrypt("same", "a"));
  });

  it("refuses a tampered ciphertext: IV, body or tag", () => {
    const keyring = createKeyring(1, new Map([[1, k1]]));
    const sealed = keyring.encrypt("tlk_secret-value", "license:lic_1");
    for (const index of [0, 12, 20, -1]) expect(reasonOf(() => keyring.decrypt(tamper(sealed, index), "license:lic_1"))).toBe("authentication-failed");
    expect(reasonOf(() => keyring.decrypt(sealed.slice(0, 20), "license:lic_1"))).toBe("malformed");
    expect(reasonOf(() => keyring.decrypt("tlk_secret-value", "license:lic_1"))).toBe("malformed");
  });

  it("refuses the right ciphertext with the wrong associated data (moved to another record)", () => {
    const keyring = createKeyring(1, new Map([[1, k1]]));
    const sealed = keyring.encrypt("tlk_secret-value", "license:lic_1");
    expect(reasonOf(() => keyring.decrypt(sealed, "license:lic_2"))).toBe("authentication-failed");
  });

  it("still reads ciphertexts under an old key version after rotation, and writes under the new one", () => {
    const before = createKeyring(1, new Map([[1, k1]]));
    const old = before.encrypt("old secret", "license:lic_1");
    const after = createKeyring(2, new Map([[1, k1], [2, k2]]));
    expect(after.decrypt(old, "license:lic_1")).toBe("old secret");
    expect(after.versionOf(after.encrypt("new", "a"))).toBe(2);
  });

  it("refuses an unknown key version with a message naming it and the known ones", () => {
    const keyring = createKeyring(1, new Map([[1, k1]]));
    const forged = createKeyring(7, new Map([[7, k2]])).encrypt("x", "a");
    expect(() => keyring.decrypt(forged, "a")).toThrow(/storage key version 7 is not in the keyring \(known: 1\)/);
    // Same version number, different key: not readable either.
    expect(reasonOf(() => keyring.decrypt(createKeyring(1, new Map([[1, k2]])).encrypt("x", "a"), "a"))).toBe("authentication-failed");
  });

  it("refuses keys of the wrong size or a current version it does not hold", () => {
    expect(() => createKeyring(1, new Map([[1, randomBytes(16)]]))).toThrow(/32 bytes/);
    expect(() => createKeyring(2, new Map([[1, k1]]))).toThrow(/not in the keyring/);
  });

  it("agrees with an independent AES-256-GCM (Python cryptography's AESGCM)", () => {
    assertPythonFernetAvailable();
    const sealed = createKeyring(1, new Map([[1, k1]])).encrypt("interop ✓", "license:lic_9");
    const script = String.raw`
import base64, sys
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
key, body = base64.b64decode(sys.argv[1]), sys.argv[2]
raw = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
print(AESGCM(key).decrypt(raw[:12], raw[12:], b"license:lic_9").decode())`;
    expect(execFileSync("python3", ["-c", script, k1.toString("base64"), sealed.split(".")[1]], { encoding: "utf8" }).trim()).toBe("interop ✓");
  });
});

describe("storage keyring file", () => {
  it("is created once with mode 0600, and rotation adds a version while keeping the old ones", () => {
    const file = path.join(dir, "a", "storage-keyring.json");
    const first = loadOrCreateKeyring(file);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(loadOrCreateKeyring(file).versions).toEqual([1]);
    const sealed = first.encrypt("v1 data", "license:lic_1");

    expect(rotateKeyringFile(file)).toEqual({ previous: 1, current: 2 });
    expect(rotateKeyringFile(file)).toEqual({ previous: 2, current: 3 });
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const reloaded = loadKeyring(file);
    expect(reloaded.currentVersion).toBe(3);
    expect(reloaded.versions).toEqual([1, 2, 3]);
    expect(reloaded.decrypt(sealed, "license:lic_1")).toBe("v1 data");
  });

  it("lets a running keyring follow a rotation: reads the new version at once, writes under it soon after", () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const file = path.join(dir, "b.json");
    const running = loadOrCreateKeyring(file);
    rotateKeyringFile(file);
    const other = loadKeyring(file);
    const underV2 = other.encrypt("rotated", "license:lic_1");
    expect(running.decrypt(underV2, "license:lic_1")).toBe("rotated");
    rotateKeyringFile(file);
    vi.advanceTimersByTime(6_000);
    expect(running.currentVersion).toBe(3);
  });

  it("refuses a file others can read, a malformed file, and a missing one (without creating it)", () => {
    const file = path.join(dir, "c.json");
    loadOrCreateKeyring(file);
    fs.chmodSync(file, 0o644);
    expect(() => loadKeyring(file)).toThrow(/chmod 600/);
    fs.writeFileSync(path.join(dir, "d.json"), '{"current": 1}', { mode: 0o600 });
    expect(() => loadKeyring(path.join(dir, "d.json"))).toThrow(/not a storage keyring/);
    expect(() => loadKeyring(path.join(dir, "missing.json"))).toThrow(/no storage keyring/);
    expect(fs.existsSync(path.join(dir, "missing.json"))).toBe(false);
  });
});

describe("a keyring from the environment", () => {
  const one = randomBytes(32).toString("base64");
  const two = randomBytes(32).toString("base64");

  it("reads the file's format and decrypts what the same keys wrote", () => {
    const fromFile = createKeyring(1, new Map([[1, Buffer.from(one, "base64")]]));
    const sealed = fromFile.encrypt("tlk_example", "license:lic_1");
    const fromEnv = keyringFromEnvironment(JSON.stringify({ current: 2, keys: { "1": one, "2": two } }));
    expect(fromEnv.currentVersion).toBe(2);
    expect(fromEnv.decrypt(sealed, "license:lic_1")).toBe("tlk_example");
    expect(fromEnv.versionOf(fromEnv.encrypt("x", "a"))).toBe(2);
  });

  it("names the variable, never its content, when it is malformed", () => {
    expect(() => keyringFromEnvironment(`{"current": 1, "keys": {"1": "${one.slice(0, 10)}"}}`)).toThrow(/ACCESS_KEYRING/);
    expect(() => keyringFromEnvironment("not json")).toThrow(/ACCESS_KEYRING is not a storage keyring/);
    try {
      keyringFromEnvironment(`{"current": 3, "keys": {"1": "${one}"}}`);
    } catch (e) {
      expect(String(e)).not.toContain(one);
    }
  });
});

describe("key version dates and the minimum decryption version", () => {
  it("dates each version it creates, keeps the dates through rotations, and leaves older files' versions undated", () => {
    const file = path.join(dir, "dated", "storage-keyring.json");
    const start = new Date("2026-01-02T03:04:05.000Z");
    vi.useFakeTimers({ now: start, toFake: ["Date"] });
    loadOrCreateKeyring(file);
    rotateKeyringFile(file, new Date("2026-06-01T00:00:00.000Z"));
    const keyring = loadKeyring(file);
    expect(keyring.createdAt(1)).toEqual(start);
    expect(keyring.createdAt(2)).toEqual(new Date("2026-06-01T00:00:00.000Z"));
    const legacy = path.join(dir, "legacy.json");
    fs.writeFileSync(legacy, JSON.stringify({ current: 1, keys: { "1": randomBytes(32).toString("base64") } }), { mode: 0o600 });
    rotateKeyringFile(legacy);
    expect(loadKeyring(legacy).createdAt(1)).toBeNull();
    expect(loadKeyring(legacy).createdAt(2)).toBeInstanceOf(Date);
  });

  it("refuses ciphertexts under versions below the minimum with their own reason, reads the rest, and never lowers it", () => {
    const file = path.join(dir, "minimum", "storage-keyring.json");
    loadOrCreateKeyring(file);
    const old = loadKeyring(file).encrypt("secret", "license:a");
    rotateKeyringFile(file);
    const fresh = loadKeyring(file).encrypt("secret", "license:a");
    expect(raiseMinimumDecryptionVersion(file, 2)).toEqual({ previous: 1, current: 2 });
    const keyring = loadKeyring(file);
    expect(keyring.minDecryptionVersion).toBe(2);
    expect(keyring.versions).toEqual([1, 2]); // the key is kept: an operator can lower the minimum again
    expect(reasonOf(() => keyring.decrypt(old, "license:a"))).toBe("retired-version");
    expect(() => keyring.decrypt(old, "license:a")).toThrow(/version 1 is retired: the minimum decryption version is 2/);
    expect(keyring.decrypt(fresh, "license:a")).toBe("secret");
    expect(raiseMinimumDecryptionVersion(file, 1)).toEqual({ previous: 2, current: 2 });
    expect(() => raiseMinimumDecryptionVersion(file, 3)).toThrow(/cannot refuse the current storage key version 2/);
    rotateKeyringFile(file);
    expect(keyringFileVersions(file)).toEqual({ current: 3, versions: [1, 2, 3], minDecryptionVersion: 2 });
  });

  it("reads the minimum from ACCESS_KEYRING and refuses one above the current version", () => {
    const keys = { "1": randomBytes(32).toString("base64"), "2": randomBytes(32).toString("base64") };
    expect(keyringFromEnvironment(JSON.stringify({ current: 2, keys, minDecryptionVersion: 2 })).minDecryptionVersion).toBe(2);
    expect(() => keyringFromEnvironment(JSON.stringify({ current: 1, keys, minDecryptionVersion: 2 }))).toThrow(/minimum decryption version 2 is above the current version 1/);
    expect(createKeyring(1, new Map([[1, randomBytes(32)]])).minDecryptionVersion).toBe(1);
  });
});
