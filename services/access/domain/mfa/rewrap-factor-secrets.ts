// TOTP secrets are sealed under the storage keyring itself (factor-secret.ts), not under a tenant's data
// key, so a storage key rotation must move them to the keyring's current version too before it may raise
// the minimum decryption version: otherwise every authenticator enrolled before the rotation would stop
// opening and its person could not sign in. Few rows; each is a compare-and-set on the ciphertext read.
import type { AccessPrisma } from "../../db/prisma";
import type { StorageKeyring } from "../../keys/storage-keyring";
import { openFactorSecret, sealFactorSecret } from "./factor-secret";

export type FactorSecretRewrap = { rewrapped: number; failed: { factorId: string; reason: string }[] };

export async function rewrapFactorSecrets(prisma: AccessPrisma, keyring: StorageKeyring): Promise<FactorSecretRewrap> {
  const current = keyring.currentVersion;
  const rows = await prisma.secondFactor.findMany({ where: { secretCiphertext: { not: null } }, select: { id: true, secretCiphertext: true } });
  const result: FactorSecretRewrap = { rewrapped: 0, failed: [] };
  for (const row of rows) {
    const old = row.secretCiphertext!;
    if (keyring.versionOf(old) === current) continue;
    let next: string;
    try {
      next = sealFactorSecret(keyring, row.id, openFactorSecret(keyring, row.id, old));
    } catch (e) {
      result.failed.push({ factorId: row.id, reason: (e as Error).message });
      continue;
    }
    const { count } = await prisma.secondFactor.updateMany({ where: { id: row.id, secretCiphertext: old }, data: { secretCiphertext: next } });
    result.rewrapped += count;
  }
  return result;
}
