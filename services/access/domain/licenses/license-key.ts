// License keys: random, shown to authorised people on request, stored only encrypted under the storage
// keyring (bound to the license id) and found by a keyed digest, never by plaintext.
import { randomBytes } from "node:crypto";
import type { StorageKeyring } from "../../keys/storage-keyring";
import { digestSecret } from "../secrets/opaque-secret";

/** "tlk_" + 256 random bits, base64url. Imported keys keep their original text. */
export function generateLicenseKey(): string {
  return `tlk_${randomBytes(32).toString("base64url")}`;
}

export function sealLicenseKey(keyring: StorageKeyring, licenseId: string, key: string): string {
  return keyring.encrypt(key, `license:${licenseId}`);
}

export function openLicenseKey(keyring: StorageKeyring, licenseId: string, ciphertext: string): string {
  return keyring.decrypt(ciphertext, `license:${licenseId}`);
}

export function digestLicenseKey(digestKey: Buffer, key: string): string {
  return digestSecret(digestKey, `license-key:${key}`);
}
