// The Security page's inventory of keys and certificates (issue 11 §3): metadata only — never key
// material. GET /v1/security/inventory (platform administrators, security_inventory.read).
import { z } from "zod";

export const keyPurposes = ["transport", "storage", "tenant-data", "signing", "audit-chain", "digest"] as const;
export type KeyPurpose = (typeof keyPurposes)[number];

/**
 * How long a key of each purpose may stay current before it is overdue for rotation: the one policy the
 * inventory measures against. Transport certificates are short-lived (DESIGN.md) and renewed by the
 * launcher; license certificates live at most 90 days, so their signing key turns over as often.
 */
export const keyTtlDays: Record<KeyPurpose, number> = {
  transport: 90,
  storage: 365,
  "tenant-data": 365,
  signing: 90,
  "audit-chain": 365,
  digest: 365,
};

export const keyPurposeLabels: Record<KeyPurpose, string> = {
  transport: "Transport (mTLS certificates)",
  storage: "Storage keyring",
  "tenant-data": "Per-tenant data keys",
  signing: "License-certificate signing",
  "audit-chain": "Audit chain MAC",
  digest: "Lookup digests",
};

const iso = z.iso.datetime();

/** One key (or key version) of one purpose; dates are null where this host does not record them (`note` says why). */
export const inventoryKey = z.object({
  purpose: z.enum(keyPurposes),
  algorithm: z.string(),
  /** Its version, kid or certificate serial; null for a key with a single version. */
  version: z.string().nullable(),
  current: z.boolean(),
  createdAt: iso.nullable(),
  lastRotatedAt: iso.nullable(),
  ageDays: z.number().int().nullable(),
  ttlDays: z.number().int(),
  /** Current and older than its TTL: rotate it. */
  overdue: z.boolean(),
  note: z.string().nullable(),
});
export type InventoryKey = z.infer<typeof inventoryKey>;

/** What one storage keyring version still protects: license keys sealed under it directly, and data keys wrapped under it (with the license keys under those). */
export const storageVersionUse = z.object({
  version: z.number().int(),
  current: z.boolean(),
  /** Below the keyring's minimum decryption version: refused on decrypt (a rotation moved everything off it). */
  retired: z.boolean(),
  licenseKeys: z.number().int(),
  dataKeys: z.number().int(),
  licenseKeysUnderDataKeys: z.number().int(),
});
export type StorageVersionUse = z.infer<typeof storageVersionUse>;

export const inventoryCertificate = z.object({
  serial: z.string(),
  identity: z.string(),
  usage: z.enum(["server", "client", "server+client"]),
  notBefore: iso,
  notAfter: iso,
  state: z.enum(["valid", "expired", "revoked", "replaced"]),
  revokedAt: iso.nullable(),
});
export type InventoryCertificate = z.infer<typeof inventoryCertificate>;

/** Peers connected to this access process now, by client certificate. */
export const livePeer = z.object({ identity: z.string(), serial: z.string(), connections: z.number().int(), connectedSince: iso });
export type LivePeer = z.infer<typeof livePeer>;
/** The last time this process saw a connection with each certificate (kept since it started, bounded). */
export const seenPeer = z.object({ identity: z.string(), serial: z.string(), lastSeenAt: iso });
export type SeenPeer = z.infer<typeof seenPeer>;

export const securityInventoryResponse = z.object({
  generatedAt: iso,
  keys: z.array(inventoryKey),
  storageVersions: z.array(storageVersionUse),
  dataKeys: z.object({ live: z.number().int(), destroyed: z.number().int(), overdue: z.number().int(), oldestLiveCreatedAt: iso.nullable() }),
  certificates: z.object({
    /** Null when this host cannot read the CA's index (`unavailable` says why). */
    rows: z.array(inventoryCertificate).nullable(),
    unavailable: z.string().nullable(),
  }),
  connections: z.object({
    /** Which access process answered (one of several behind a balancer sees only its own connections) and since when it counts. */
    observedSince: iso,
    live: z.array(livePeer),
    lastSeen: z.array(seenPeer),
  }),
});
export type SecurityInventoryResponse = z.infer<typeof securityInventoryResponse>;
