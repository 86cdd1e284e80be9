// License keys: random, shown to authorised people on request, stored only encrypted under their tenant's
// data key (itself wrapped by the storage keyring: keys/tenant-data-keys.ts), bound to the license id, and
// found by a keyed digest, never by plaintext. Keys sealed before data keys existed are under the keyring
// itself and still open here; `tessera keys reencrypt` moves them.
import { randomBytes } from "node:crypto";
import type { StorageKeyring } from "../../keys/storage-keyring";
import { openSealed, sealWithDataKey, type DataKey, type DataKeyCache } from "../../keys/tenant-data-keys";
import type { TransactionClient } from "../context";
import type { AccessPrisma } from "../../db/prisma";
import { digestSecret } from "../secrets/opaque-secret";

/** "tlk_" + 256 random bits, base64url. Imported keys keep their original text. */
export function generateLicenseKey(): string {
  return `tlk_${randomBytes(32).toString("base64url")}`;
}

/** Seals a license key under its tenant's data key (the form every new license key is stored in). */
export function sealLicenseKeyUnder(dataKey: DataKey, licenseId: string, key: string): string {
  return sealWithDataKey(dataKey, key, `license:${licenseId}`);
}

/** Opens a stored license key in either form; a destroyed data key answers DataKeyDestroyed (410, saying why). */
export function openStoredLicenseKey(
  db: Pick<AccessPrisma | TransactionClient, "tenantDataKey">,
  keyring: StorageKeyring,
  cache: DataKeyCache,
  licenseId: string,
  ciphertext: string,
): Promise<string> {
  return openSealed(db, keyring, cache, ciphertext, `license:${licenseId}`);
}

/** The older form: sealed under the storage keyring itself (read for compatibility, and by tests making such rows). */
export function sealLicenseKey(keyring: StorageKeyring, licenseId: string, key: string): string {
  return keyring.encrypt(key, `license:${licenseId}`);
}

export function openLicenseKey(keyring: StorageKeyring, licenseId: string, ciphertext: string): string {
  return keyring.decrypt(ciphertext, `license:${licenseId}`);
}

export function digestLicenseKey(digestKey: Buffer, key: string): string {
  return digestSecret(digestKey, `license-key:${key}`);
}
