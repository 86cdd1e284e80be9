// Every key the access host uses, by purpose, as metadata: algorithm, version, age, last rotation, its TTL
// (contracts/security-inventory-api.ts keyTtlDays) and whether it is overdue. Nothing here returns or logs
// key material: files are only stat'ed or, for certificates and the signing ring, read for dates and ids.
import "reflect-metadata";
import fs from "node:fs";
import { X509Certificate } from "@peculiar/x509";
import { keyTtlDays, type InventoryKey, type KeyPurpose } from "../../../../contracts/security-inventory-api";
import { loadSigningKeys, signingKeyFile } from "../../keys/signing-keys";
import type { StorageKeyring } from "../../keys/storage-keyring";

export type KeySources = {
  keyring: Pick<StorageKeyring, "currentVersion" | "versions" | "minDecryptionVersion" | "createdAt">;
  /** Null when the keyring comes from ACCESS_KEYRING (no file whose change dates a rotation). */
  keyringFile: string | null;
  keysDir: string;
  /** Null when the digest key was given in memory (tests). */
  secretDigestKeyFile: string | null;
  /** This process's own certificates: the one it serves with and the one it calls the audit service with. */
  transportCertificates: { label: string; file: string }[];
  dataKeys: { live: number; overdue: number; oldestLiveCreatedAt: Date | null };
};

const day = 86_400_000;
const ageDays = (from: Date | null, now: Date) => (from ? Math.max(0, Math.floor((now.getTime() - from.getTime()) / day)) : null);
const mtime = (file: string | null) => (file ? (fs.statSync(file, { throwIfNoEntry: false })?.mtime ?? null) : null);

function key(purpose: KeyPurpose, now: Date, k: { algorithm: string; version: string | null; current: boolean; createdAt: Date | null; lastRotatedAt: Date | null; note?: string | null }): InventoryKey {
  const age = ageDays(k.lastRotatedAt ?? k.createdAt, now);
  return {
    purpose,
    algorithm: k.algorithm,
    version: k.version,
    current: k.current,
    createdAt: k.createdAt?.toISOString() ?? null,
    lastRotatedAt: k.lastRotatedAt?.toISOString() ?? null,
    ageDays: age,
    ttlDays: keyTtlDays[purpose],
    overdue: k.current && age !== null && age > keyTtlDays[purpose],
    note: k.note ?? null,
  };
}

function transportKeys(sources: KeySources, now: Date): InventoryKey[] {
  return sources.transportCertificates.map(({ label, file }) => {
    try {
      const cert = new X509Certificate(fs.readFileSync(file, "utf8"));
      const note = `${label}; certificate valid until ${cert.notAfter.toISOString()}`;
      return key("transport", now, { algorithm: "ECDSA P-256", version: cert.serialNumber.toLowerCase(), current: true, createdAt: cert.notBefore, lastRotatedAt: cert.notBefore, note });
    } catch {
      return key("transport", now, { algorithm: "ECDSA P-256", version: null, current: true, createdAt: null, lastRotatedAt: null, note: `${label}: its certificate could not be read` });
    }
  });
}

async function signingKeys(sources: KeySources, now: Date): Promise<InventoryKey[]> {
  // loadSigningKeys creates a missing file; an inventory must not create keys.
  if (!fs.existsSync(signingKeyFile(sources.keysDir))) {
    return [key("signing", now, { algorithm: "Ed25519 (EdDSA)", version: null, current: true, createdAt: null, lastRotatedAt: null, note: "no license-signing key yet (made on the first license certificate)" })];
  }
  let ring;
  try {
    ring = await loadSigningKeys(sources.keysDir);
  } catch {
    return [key("signing", now, { algorithm: "Ed25519 (EdDSA)", version: null, current: true, createdAt: null, lastRotatedAt: null, note: "the license-signing key file could not be read" })];
  }
  return ring.published(now).map((k) =>
    key("signing", now, {
      algorithm: "Ed25519 (EdDSA)",
      version: k.kid,
      current: k.kid === ring.current.kid,
      createdAt: k.createdAt,
      lastRotatedAt: k.createdAt,
      note: k.retiredAt ? `retired ${k.retiredAt.toISOString()}; its public key stays in the JWKS while certificates signed by it live` : null,
    }),
  );
}

export async function listKeys(sources: KeySources, now: Date): Promise<InventoryKey[]> {
  const keyringChanged = mtime(sources.keyringFile);
  const { currentVersion, minDecryptionVersion } = sources.keyring;
  // Versions record their creation date since issue 11 (older ones have none): the current one's is its last rotation.
  const storage = [...sources.keyring.versions].sort((a, b) => b - a).map((v) => {
    const createdAt = sources.keyring.createdAt(v);
    const current = v === currentVersion;
    const note =
      v < minDecryptionVersion
        ? `retired: below the minimum decryption version k${minDecryptionVersion}, refused on decrypt`
        : !current
          ? "older version: still reads what it sealed"
          : createdAt || keyringChanged
            ? minDecryptionVersion > 1 ? `minimum decryption version k${minDecryptionVersion}` : null
            : "rotation date not recorded (keyring given in the environment)";
    return key("storage", now, { algorithm: "AES-256-GCM", version: `k${v}`, current, createdAt, lastRotatedAt: current ? (createdAt ?? keyringChanged) : null, note });
  });
  const digestChanged = mtime(sources.secretDigestKeyFile);
  return [
    ...transportKeys(sources, now),
    ...storage,
    key("tenant-data", now, {
      algorithm: "AES-256-GCM, wrapped by the storage keyring",
      version: null,
      current: sources.dataKeys.live > 0,
      createdAt: sources.dataKeys.oldestLiveCreatedAt,
      lastRotatedAt: null,
      note: `${sources.dataKeys.live} live key(s), one per tenant; ${sources.dataKeys.overdue} older than the TTL; age shown is the oldest's`,
    }),
    ...(await signingKeys(sources, now)),
    key("audit-chain", now, { algorithm: "HMAC-SHA-256", version: null, current: false, createdAt: null, lastRotatedAt: null, note: "held by the audit host alone (AUDIT_CHAIN_KEY_FILE); its dates are not visible from the access host" }),
    key("digest", now, {
      algorithm: "HMAC-SHA-256",
      version: null,
      current: true,
      createdAt: digestChanged,
      lastRotatedAt: digestChanged,
      note: digestChanged ? null : "given in memory: no file date to show",
    }),
  ];
}
