// A TOTP secret at rest: encrypted under the storage keyring, bound to its factor's id as associated
// data, so a ciphertext copied onto another person's factor does not open. (Storage-key rotation rewraps
// second_factors.secret_ciphertext with this same associated data.)
import type { StorageKeyring } from "../../keys/storage-keyring";

export const factorSecretAad = (factorId: string) => `second-factor:${factorId}`;

export function sealFactorSecret(keyring: StorageKeyring, factorId: string, secret: string): string {
  return keyring.encrypt(secret, factorSecretAad(factorId));
}

export function openFactorSecret(keyring: StorageKeyring, factorId: string, ciphertext: string): string {
  return keyring.decrypt(ciphertext, factorSecretAad(factorId));
}
