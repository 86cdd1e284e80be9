// After a rotation of the storage keyring (envelope encryption: keys/tenant-data-keys.ts): rewraps every
// tenant data key under the keyring's current version (a few rows: the license keys under them do not
// change), and moves every license key still sealed under the keyring itself (the form before data keys)
// under its tenant's data key. Online: license rows are read in id order in batches and each is rewritten
// by its own compare-and-set UPDATE, so an interrupted run loses nothing and a re-run continues.
import type { AccessPrisma } from "../db/prisma";
import type { AuditEvent } from "../../../contracts/audit-api";
import { openLicenseKey, sealLicenseKeyUnder } from "../domain/licenses/license-key";
import { recordEvent } from "../outbox/record-event";
import type { StorageKeyring } from "./storage-keyring";
import { createDataKeyCache, liveDataKey, rewrapDataKeys } from "./tenant-data-keys";

export type ReencryptProgress = { processed: number; total: number; reencrypted: number; failed: number };

export type ReencryptResult = {
  toVersion: number;
  /** License keys moved from the keyring under their tenant's data key. */
  reencrypted: number;
  /** Tenant data keys rewrapped under the keyring's current version. */
  rewrappedDataKeys: number;
  /** Rows whose key changed while we worked (left as they are; a re-run takes them if still old). */
  changedMeanwhile: number;
  /** Rows that do not decrypt (unknown version, altered, bound to another id): named, never fixed silently. */
  failed: { licenseId: string; reason: string }[];
  /** Data keys that do not unwrap (named, never fixed silently). */
  failedDataKeys: { dataKeyId: string; reason: string }[];
};

export async function reencryptLicenseKeys(
  prisma: AccessPrisma,
  keyring: StorageKeyring,
  options: { batchSize?: number; actor: AuditEvent["actor"]; onProgress?: (p: ReencryptProgress) => void },
): Promise<ReencryptResult> {
  const toVersion = keyring.currentVersion;
  const batchSize = options.batchSize ?? 200;
  // Ciphertexts under the keyring name its version ("k2.…"); under a data key, the key ("tdk_….…").
  const notCurrent = { keyCiphertext: { startsWith: "k" } };
  const dataKeys = createDataKeyCache();
  const rewrap = await rewrapDataKeys(prisma, keyring);
  const total = await prisma.license.count({ where: notCurrent });
  const result: ReencryptResult = { toVersion, reencrypted: 0, rewrappedDataKeys: rewrap.rewrapped, changedMeanwhile: 0, failed: [], failedDataKeys: rewrap.failed };
  let processed = 0;
  let after = "";
  try {
    for (;;) {
      const batch = await prisma.license.findMany({
        where: { ...notCurrent, id: { gt: after } },
        orderBy: { id: "asc" },
        take: batchSize,
        select: { id: true, tenantId: true, keyCiphertext: true },
      });
      if (batch.length === 0) break;
      for (const row of batch) {
        let resealed: string;
        try {
          const plain = openLicenseKey(keyring, row.id, row.keyCiphertext);
          resealed = sealLicenseKeyUnder(await liveDataKey(prisma, keyring, dataKeys, row.tenantId), row.id, plain);
        } catch (e) {
          result.failed.push({ licenseId: row.id, reason: (e as Error).message });
          continue;
        }
        // Raw SQL so that updated_at keeps meaning "the license changed", which re-encryption does not.
        const changed = await prisma.$executeRaw`update licenses set key_ciphertext = ${resealed} where id = ${row.id} and key_ciphertext = ${row.keyCiphertext}`;
        if (changed === 1) result.reencrypted++;
        else result.changedMeanwhile++;
      }
      processed += batch.length;
      after = batch[batch.length - 1].id;
      options.onProgress?.({ processed, total, reencrypted: result.reencrypted, failed: result.failed.length });
    }
  } finally {
    if (result.reencrypted > 0 || result.rewrappedDataKeys > 0 || result.failed.length > 0 || result.failedDataKeys.length > 0) {
      await prisma.$transaction((tx) =>
        recordEvent(tx, {
          action: "keyring.reencrypt",
          outcome: result.failed.length === 0 && result.failedDataKeys.length === 0 ? "success" : "failure",
          actor: options.actor,
          target: { type: "keyring", id: "storage" },
          tenantId: null,
          sourceIp: null,
          requestId: null,
          data: {
            toVersion,
            reencrypted: result.reencrypted,
            rewrappedDataKeys: result.rewrappedDataKeys,
            failedLicenseIds: result.failed.map((f) => f.licenseId).slice(0, 100),
            failedDataKeyIds: result.failedDataKeys.map((f) => f.dataKeyId).slice(0, 100),
          },
        }),
      );
    }
  }
  return result;
}

/** How many license keys sit under each keyring version, and under tenants' data keys ("data-key"), for `tessera keys status`. */
export async function countLicenseKeysByVersion(prisma: AccessPrisma): Promise<Map<string, number>> {
  const rows = await prisma.$queryRaw<{ version: string; count: bigint }[]>`
    select case when key_ciphertext like 'tdk\_%' then 'data-key' else split_part(key_ciphertext, '.', 1) end as version, count(*) as count
      from licenses group by 1 order by 1`;
  return new Map(rows.map((r) => [r.version, Number(r.count)]));
}
