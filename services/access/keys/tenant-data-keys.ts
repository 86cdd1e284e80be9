// Per-tenant data keys (envelope encryption, as Vault's transit keys): each tenant's secrets at rest
// (license keys) are encrypted under its own 32-byte AES-256-GCM data key, and only that key is encrypted
// ("wrapped") by the storage keyring, bound to its id and tenant. Destroying a tenant's data key
// (crypto-shredding) makes every secret it protected unreadable at once, without finding each copy.
//
// Ciphertext under a data key: "<data key id>.<base64url(iv 12 | ciphertext | tag 16)>", e.g. "tdk_….…";
// the record id is the associated data, as with the keyring. Older ciphertexts under the keyring itself
// ("k<version>.…") still read; `tessera keys reencrypt` moves them under their tenant's data key.
//
// Hot paths unwrap a data key once and keep it in memory, but only while the row still holds the same
// wrapped key: every read looks the row up by id (the primary key), so a key destroyed by another access
// process is never used again here, and the copy in memory is dropped the moment that is seen.
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { AppError } from "../../common/http/app-error";
import type { TransactionClient } from "../domain/context";
import type { AccessPrisma } from "../db/prisma";
import { newId } from "../domain/secrets/ids";
import { asRetiredKey, RetiredKey } from "./retired-key";
import { KeyringError, versionOfCiphertext, type StorageKeyring } from "./storage-keyring";

const ivLength = 12;
const tagLength = 16;
const dataKeyCiphertextPattern = /^(tdk_[A-Za-z0-9_-]{16})\.([A-Za-z0-9_-]+)$/;

/** What reads data keys: the service's client or a transaction of it. */
type DataKeyReader = Pick<AccessPrisma | TransactionClient, "tenantDataKey">;

/** Unwrapped data keys held in memory by id, each with the wrapped form it came from (bounded, oldest dropped first). */
export type DataKeyCache = {
  get(id: string, wrapped: string): Buffer | undefined;
  set(id: string, wrapped: string, key: Buffer): void;
  forget(id: string): void;
  readonly size: number;
};

export function createDataKeyCache(maxEntries = 10_000): DataKeyCache {
  const entries = new Map<string, { wrapped: string; key: Buffer }>();
  return {
    get(id, wrapped) {
      const entry = entries.get(id);
      if (!entry) return undefined;
      if (entry.wrapped !== wrapped) {
        entries.delete(id);
        return undefined;
      }
      return entry.key;
    },
    set(id, wrapped, key) {
      entries.delete(id);
      entries.set(id, { wrapped, key });
      if (entries.size > maxEntries) entries.delete(entries.keys().next().value!);
    },
    forget(id) {
      entries.get(id)?.key.fill(0);
      entries.delete(id);
    },
    get size() {
      return entries.size;
    },
  };
}

export type DataKey = { id: string; key: Buffer };

/** Why a secret cannot be read any more: its tenant's data key was destroyed (the answer says when and why). */
export class DataKeyDestroyed extends AppError {
  constructor(
    readonly keyId: string,
    readonly destroyedAt: Date,
    readonly dispositionId: string | null,
  ) {
    super(
      "gone",
      `This secret can no longer be read: its district's data key was destroyed on ${destroyedAt.toISOString()}` +
        (dispositionId ? ` for disposition request ${dispositionId} (crypto-shredding).` : " (crypto-shredding)."),
      { reason: "data-key-destroyed", internal: `data key ${keyId}` },
    );
  }
}

const wrapAad = (id: string, tenantId: string) => `tenant-data-key:${id}:${tenantId}`;

export function unwrap(keyring: StorageKeyring, cache: DataKeyCache, row: { id: string; tenantId: string; wrappedKey: string }): Buffer {
  // A cached copy is only good while its wrapping version may still be read (the minimum may have been raised).
  const cached = keyring.versionOf(row.wrappedKey) >= keyring.minDecryptionVersion ? cache.get(row.id, row.wrappedKey) : undefined;
  if (cached) return cached;
  const key = Buffer.from(keyring.decrypt(row.wrappedKey, wrapAad(row.id, row.tenantId)), "base64");
  cache.set(row.id, row.wrappedKey, key);
  return key;
}

/** A fresh data key's row for a tenant, wrapped under the keyring's current version (the key itself is not kept). */
export function newDataKeyRow(keyring: StorageKeyring, tenantId: string): { id: string; tenantId: string; wrappedKey: string } {
  const id = newId("tdk");
  return { id, tenantId, wrappedKey: keyring.encrypt(randomBytes(32).toString("base64"), wrapAad(id, tenantId)) };
}

/** The tenant's live data key, created (wrapped under the keyring's current version) on first use. */
export async function liveDataKey(tx: DataKeyReader, keyring: StorageKeyring, cache: DataKeyCache, tenantId: string): Promise<DataKey> {
  const select = { id: true, tenantId: true, wrappedKey: true } as const;
  let row = await tx.tenantDataKey.findFirst({ where: { tenantId, live: true }, select });
  if (!row) {
    const id = newId("tdk");
    const key = randomBytes(32);
    // Two first licenses of a tenant at once: one key wins (unique on tenant and live), both use it.
    await tx.tenantDataKey.createMany({ data: [{ id, tenantId, wrappedKey: keyring.encrypt(key.toString("base64"), wrapAad(id, tenantId)) }], skipDuplicates: true });
    row = await tx.tenantDataKey.findFirstOrThrow({ where: { tenantId, live: true }, select });
  }
  return { id: row.id, key: unwrap(keyring, cache, { ...row, wrappedKey: row.wrappedKey! }) };
}

export function sealWithDataKey(dataKey: DataKey, plaintext: string, associatedData: string): string {
  const iv = randomBytes(ivLength);
  const cipher = createCipheriv("aes-256-gcm", dataKey.key, iv);
  cipher.setAAD(Buffer.from(associatedData, "utf8"));
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return `${dataKey.id}.${Buffer.concat([iv, body, cipher.getAuthTag()]).toString("base64url")}`;
}

/** The data key a ciphertext is under; null for a ciphertext under the storage keyring itself. */
export function dataKeyIdOf(ciphertext: string): string | null {
  return dataKeyCiphertextPattern.exec(ciphertext)?.[1] ?? null;
}

/**
 * Opens a secret in either form. Throws DataKeyDestroyed (410, saying when and for which request) when its
 * data key was destroyed, KeyringError when it is altered, moved to another record or under an unknown key.
 */
export async function openSealed(
  tx: DataKeyReader,
  keyring: StorageKeyring,
  cache: DataKeyCache,
  ciphertext: string,
  associatedData: string,
): Promise<string> {
  const match = dataKeyCiphertextPattern.exec(ciphertext);
  if (!match) {
    versionOfCiphertext(ciphertext); // refuses what is neither form
    try {
      return keyring.decrypt(ciphertext, associatedData);
    } catch (e) {
      throw asRetiredKey(e);
    }
  }
  const row = await tx.tenantDataKey.findUnique({ where: { id: match[1] }, select: { id: true, tenantId: true, wrappedKey: true, destroyedAt: true, dispositionId: true, retiredAt: true, retiredByJob: true } });
  if (!row) throw new KeyringError("unknown-version", `data key ${match[1]} does not exist`);
  if (!row.wrappedKey) {
    cache.forget(row.id);
    if (row.retiredAt && !row.destroyedAt) throw new RetiredKey("a retired data key", `data key ${row.id} retired ${row.retiredAt.toISOString()} by rewrap job ${row.retiredByJob}`);
    throw new DataKeyDestroyed(row.id, row.destroyedAt ?? new Date(0), row.dispositionId);
  }
  let key: Buffer;
  try {
    key = unwrap(keyring, cache, { ...row, wrappedKey: row.wrappedKey });
  } catch (e) {
    throw asRetiredKey(e);
  }
  return openUnder(key, row.id, match[2], associatedData);
}

function openUnder(key: Buffer, keyId: string, body: string, associatedData: string): string {
  const raw = Buffer.from(body, "base64url");
  if (raw.length < ivLength + tagLength) throw new KeyringError("malformed", "ciphertext too short");
  const decipher = createDecipheriv("aes-256-gcm", key, raw.subarray(0, ivLength), { authTagLength: tagLength });
  decipher.setAAD(Buffer.from(associatedData, "utf8"));
  decipher.setAuthTag(raw.subarray(raw.length - tagLength));
  try {
    return Buffer.concat([decipher.update(raw.subarray(ivLength, raw.length - tagLength)), decipher.final()]).toString("utf8");
  } catch {
    throw new KeyringError("authentication-failed", `ciphertext under data key ${keyId} failed authentication: altered, or bound to another record`);
  }
}

/**
 * Opens many secrets with one read of the data keys they are under (a rewrap job's batch), each with the
 * same refusals as openSealed; a failure is that item's, never the batch's.
 */
export async function openSealedBatch(
  tx: DataKeyReader,
  keyring: StorageKeyring,
  cache: DataKeyCache,
  items: readonly { ciphertext: string; associatedData: string }[],
): Promise<({ plaintext: string } | { error: Error })[]> {
  const ids = [...new Set(items.map((i) => dataKeyCiphertextPattern.exec(i.ciphertext)?.[1]).filter((id): id is string => !!id))];
  const rows = new Map((await tx.tenantDataKey.findMany({ where: { id: { in: ids } }, select: { id: true, tenantId: true, wrappedKey: true } })).map((r) => [r.id, r]));
  return items.map(({ ciphertext, associatedData }) => {
    try {
      const match = dataKeyCiphertextPattern.exec(ciphertext);
      if (!match) {
        versionOfCiphertext(ciphertext);
        return { plaintext: keyring.decrypt(ciphertext, associatedData) };
      }
      const row = rows.get(match[1]);
      if (!row) throw new KeyringError("unknown-version", `data key ${match[1]} does not exist`);
      if (!row.wrappedKey) throw new KeyringError("unknown-version", `data key ${row.id} was destroyed or retired`);
      return { plaintext: openUnder(unwrap(keyring, cache, { ...row, wrappedKey: row.wrappedKey }), row.id, match[2], associatedData) };
    } catch (e) {
      return { error: e as Error };
    }
  });
}

/** Rewraps every live data key not under the keyring's current version (after `tessera keys rotate`); returns how many. */
export async function rewrapDataKeys(prisma: AccessPrisma, keyring: StorageKeyring): Promise<{ rewrapped: number; failed: { dataKeyId: string; reason: string }[] }> {
  const current = `k${keyring.currentVersion}.`;
  const rows = await prisma.tenantDataKey.findMany({ where: { wrappedKey: { not: null }, NOT: { wrappedKey: { startsWith: current } } }, select: { id: true, tenantId: true, wrappedKey: true } });
  const result = { rewrapped: 0, failed: [] as { dataKeyId: string; reason: string }[] };
  for (const row of rows) {
    try {
      const plain = keyring.decrypt(row.wrappedKey!, wrapAad(row.id, row.tenantId));
      const changed = await prisma.tenantDataKey.updateMany({ where: { id: row.id, wrappedKey: row.wrappedKey }, data: { wrappedKey: keyring.encrypt(plain, wrapAad(row.id, row.tenantId)) } });
      result.rewrapped += changed.count;
    } catch (e) {
      result.failed.push({ dataKeyId: row.id, reason: (e as Error).message });
    }
  }
  return result;
}

export type DataKeyDestruction = { keyId: string; destroyedAt: string; destroyedBy: string; protectedRecords: number };

/**
 * Destroys the tenant's live data key in the caller's transaction: the wrapped key is erased (the row stays,
 * naming when, by whom, for which request and how many records it protected). Returns null when the tenant
 * never had one. The caller first moves the tenant's older keyring ciphertexts under it, so none escapes.
 */
export async function destroyDataKey(
  tx: TransactionClient,
  cache: DataKeyCache,
  input: { tenantId: string; destroyedBy: string; dispositionId: string; now: Date; protectedRecords: number },
): Promise<DataKeyDestruction | null> {
  const row = await tx.tenantDataKey.findFirst({ where: { tenantId: input.tenantId, live: true }, select: { id: true } });
  if (!row) return null;
  // Still live when written: of two requests destroying one key at once, the second finds nothing left to destroy.
  const destroyed = await tx.tenantDataKey.updateMany({
    where: { id: row.id, live: true },
    data: { live: null, wrappedKey: null, destroyedAt: input.now, destroyedBy: input.destroyedBy, dispositionId: input.dispositionId, protectedRecords: input.protectedRecords },
  });
  cache.forget(row.id);
  if (destroyed.count === 0) return null;
  // A rotation under way leaves the tenant's previous key still wrapped until its license keys are resealed:
  // it protects the same data, so it goes too (crypto-shredding must not leave a second way in).
  const retiring = await tx.tenantDataKey.findMany({ where: { tenantId: input.tenantId, live: null, wrappedKey: { not: null } }, select: { id: true } });
  for (const r of retiring) cache.forget(r.id);
  await tx.tenantDataKey.updateMany({
    where: { id: { in: retiring.map((r) => r.id) }, wrappedKey: { not: null } },
    data: { wrappedKey: null, destroyedAt: input.now, destroyedBy: input.destroyedBy, dispositionId: input.dispositionId },
  });
  return { keyId: row.id, destroyedAt: input.now.toISOString(), destroyedBy: input.destroyedBy, protectedRecords: input.protectedRecords };
}
