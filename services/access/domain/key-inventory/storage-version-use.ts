// What each storage keyring version still protects, told apart by the ciphertexts' prefixes: license keys
// sealed under the keyring itself ("k<version>.…"), tenant data keys wrapped under it (wrapped_key
// "k<version>.…"), and the license keys under those data keys ("tdk_….…"). Counts only, no ciphertext leaves.
import type { StorageVersionUse } from "../../../../contracts/security-inventory-api";
import type { AccessPrisma } from "../../db/prisma";

const versionOf = (prefix: string) => (/^k(\d+)$/.exec(prefix) ? Number(prefix.slice(1)) : null);

export async function countStorageVersionUse(prisma: AccessPrisma, keyring: { currentVersion: number; minDecryptionVersion: number; versions: readonly number[] }): Promise<StorageVersionUse[]> {
  const direct = await prisma.$queryRaw<{ prefix: string; count: bigint }[]>`
    select split_part(key_ciphertext, '.', 1) as prefix, count(*) as count
      from licenses where key_ciphertext not like 'tdk\_%' group by 1`;
  const wrapped = await prisma.$queryRaw<{ prefix: string; data_keys: bigint; license_keys: bigint }[]>`
    select split_part(d.wrapped_key, '.', 1) as prefix, count(distinct d.id) as data_keys, count(l.id) as license_keys
      from tenant_data_keys d left join licenses l on split_part(l.key_ciphertext, '.', 1) = d.id
     where d.wrapped_key is not null group by 1`;
  const rows = new Map<number, StorageVersionUse>();
  const row = (version: number) => {
    let r = rows.get(version);
    if (!r) rows.set(version, (r = { version, current: version === keyring.currentVersion, retired: version < keyring.minDecryptionVersion, licenseKeys: 0, dataKeys: 0, licenseKeysUnderDataKeys: 0 }));
    return r;
  };
  for (const v of keyring.versions) row(v);
  for (const d of direct) {
    const v = versionOf(d.prefix);
    if (v !== null) row(v).licenseKeys += Number(d.count);
  }
  for (const w of wrapped) {
    const v = versionOf(w.prefix);
    if (v === null) continue;
    row(v).dataKeys += Number(w.data_keys);
    row(v).licenseKeysUnderDataKeys += Number(w.license_keys);
  }
  return [...rows.values()].sort((a, b) => b.version - a.version);
}

/** Tenant data keys: how many are live or destroyed, how many live ones are past their TTL, and the oldest live one. */
export async function summariseDataKeys(prisma: AccessPrisma, now: Date, ttlDays: number) {
  const overdueBefore = new Date(now.getTime() - ttlDays * 86_400_000);
  const [live, destroyed, overdue, oldest] = await Promise.all([
    prisma.tenantDataKey.count({ where: { live: true } }),
    prisma.tenantDataKey.count({ where: { destroyedAt: { not: null } } }),
    prisma.tenantDataKey.count({ where: { live: true, createdAt: { lt: overdueBefore } } }),
    prisma.tenantDataKey.findFirst({ where: { live: true }, orderBy: { createdAt: "asc" }, select: { createdAt: true } }),
  ]);
  return { live, destroyed, overdue, oldestLiveCreatedAt: oldest?.createdAt ?? null };
}
