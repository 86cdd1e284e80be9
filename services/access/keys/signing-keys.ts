// The license-signing key ring: Ed25519 keys in one file under the access service's keys folder
// (mode 0600, created on first use, never in the database). One key signs at a time; rotation adds a
// new current key and keeps the old public keys published until every certificate they may have
// signed has expired. Purpose-bound: these keys sign offline license certificates and nothing else.
//
// Retention rule: a certificate lives at most `maxCertificateLifetimeSeconds`, so a key retired at
// time R signed nothing that outlives R + that lifetime; its public key stays in the JWKS until
// `retireAfter` = R + lifetime + a day of grace (clock skew, processes that read the file late).
// That needs no per-issuance write to the file, which several access processes may share read-only.
//
// File format: { "purpose": "license-certificate", "currentKid": "…",
//   "keys": [{ "kid", "createdAt", "retiredAt": null | iso, "retireAfter": null | iso, "privateJwk": { kty, crv, x, d } }] }
import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { calculateJwkThumbprint } from "jose";
import { z } from "zod";

export const signingKeyFileName = "license-signing.json";
const purpose = "license-certificate";

/** Longest life of one certificate: bounds how long a suspended or revoked license keeps working offline. */
export const maxCertificateLifetimeSeconds = 90 * 24 * 3600;
const retirementGraceSeconds = 24 * 3600;

const base64url = z.string().regex(/^[A-Za-z0-9_-]+$/);
const fileSchema = z.object({
  purpose: z.literal(purpose),
  currentKid: z.string().min(1),
  keys: z
    .array(
      z.object({
        kid: z.string().min(1),
        createdAt: z.iso.datetime(),
        retiredAt: z.iso.datetime().nullable(),
        retireAfter: z.iso.datetime().nullable(),
        privateJwk: z.object({ kty: z.literal("OKP"), crv: z.literal("Ed25519"), x: base64url, d: base64url }),
      }),
    )
    .min(1),
});
type SigningKeyFile = z.infer<typeof fileSchema>;
type StoredKey = SigningKeyFile["keys"][number];

/** The public half as published in the JWKS. */
export type PublicSigningJwk = { kty: "OKP"; crv: "Ed25519"; x: string; kid: string; alg: "EdDSA"; use: "sig" };

export type SigningKey = {
  kid: string;
  createdAt: Date;
  /** When it stopped signing; null for the current key. */
  retiredAt: Date | null;
  /** When its public key leaves the JWKS; null for the current key. */
  retireAfter: Date | null;
  privateKey: KeyObject;
  publicKey: KeyObject;
  publicJwk: PublicSigningJwk;
};

export type SigningKeyRing = {
  /** The key that signs new certificates. */
  current: SigningKey;
  /** Every key still published (the current one first), i.e. whose certificates may still be valid. */
  published(now?: Date): SigningKey[];
};

export function signingKeyFile(keysDir: string): string {
  return path.join(keysDir, signingKeyFileName);
}

/** Loads the key ring, creating it with one fresh key on first use. Re-reads the file when it changes (rotation by the CLI). */
export async function loadSigningKeys(keysDir: string): Promise<SigningKeyRing> {
  const file = signingKeyFile(keysDir);
  if (!fs.existsSync(file)) await createKeyFile(file);
  const stat = fs.statSync(file);
  const version = `${stat.ino}:${stat.mtimeMs}:${stat.size}`;
  const cached = cache.get(file);
  if (cached?.version === version) return cached.ring;
  const ring = toRing(readKeyFile(file));
  cache.set(file, { version, ring });
  return ring;
}

/**
 * Adds a new current key; the previous one stops signing now and stays published until its last
 * possible certificate has expired. Keys past their retirement are dropped from the file.
 */
export async function rotateSigningKey(keysDir: string, now = new Date()): Promise<{ kid: string; previousKid: string; previousRetireAfter: string }> {
  const file = signingKeyFile(keysDir);
  if (!fs.existsSync(file)) await createKeyFile(file);
  const current = readKeyFile(file);
  const retireAfter = new Date(now.getTime() + (maxCertificateLifetimeSeconds + retirementGraceSeconds) * 1000).toISOString();
  const fresh = await newStoredKey(now);
  const keys = current.keys
    .map((k) => (k.kid === current.currentKid ? { ...k, retiredAt: now.toISOString(), retireAfter } : k))
    .filter((k) => k.retireAfter === null || Date.parse(k.retireAfter) > now.getTime());
  writeKeyFile(file, { purpose, currentKid: fresh.kid, keys: [fresh, ...keys] });
  return { kid: fresh.kid, previousKid: current.currentKid, previousRetireAfter: retireAfter };
}

/** The published public keys as an RFC 7517 JWK Set. Never contains private key material. */
export function publicJwks(ring: SigningKeyRing, now = new Date()): { keys: PublicSigningJwk[] } {
  return { keys: ring.published(now).map((k) => k.publicJwk) };
}

const cache = new Map<string, { version: string; ring: SigningKeyRing }>();

function toRing(parsed: SigningKeyFile): SigningKeyRing {
  const keys = parsed.keys.map(toSigningKey);
  const current = keys.find((k) => k.kid === parsed.currentKid);
  if (!current) throw new Error(`${signingKeyFileName}: the current key ${parsed.currentKid} is not in the file`);
  return {
    current,
    published: (now = new Date()) => [current, ...keys.filter((k) => k !== current && (k.retireAfter === null || k.retireAfter > now))],
  };
}

function toSigningKey(stored: StoredKey): SigningKey {
  const privateKey = createPrivateKey({ key: stored.privateJwk, format: "jwk" });
  const publicKey = createPublicKey(privateKey);
  const { x } = publicKey.export({ format: "jwk" });
  if (x !== stored.privateJwk.x) throw new Error(`${signingKeyFileName}: key ${stored.kid} has a public half that does not match its private half`);
  return {
    kid: stored.kid,
    createdAt: new Date(stored.createdAt),
    retiredAt: stored.retiredAt ? new Date(stored.retiredAt) : null,
    retireAfter: stored.retireAfter ? new Date(stored.retireAfter) : null,
    privateKey,
    publicKey,
    publicJwk: { kty: "OKP", crv: "Ed25519", x, kid: stored.kid, alg: "EdDSA", use: "sig" },
  };
}

async function newStoredKey(now: Date): Promise<StoredKey> {
  const { privateKey } = generateKeyPairSync("ed25519");
  const jwk = privateKey.export({ format: "jwk" });
  if (!jwk.x || !jwk.d) throw new Error("Ed25519 key export lacks x or d");
  // RFC 7638 thumbprint: a kid that names the key itself, stable across processes and restarts.
  const kid = await calculateJwkThumbprint({ kty: "OKP", crv: "Ed25519", x: jwk.x }, "sha256");
  return { kid, createdAt: now.toISOString(), retiredAt: null, retireAfter: null, privateJwk: { kty: "OKP", crv: "Ed25519", x: jwk.x, d: jwk.d } };
}

async function createKeyFile(file: string): Promise<void> {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const key = await newStoredKey(new Date());
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, JSON.stringify({ purpose, currentKid: key.kid, keys: [key] }, null, 2) + "\n", { mode: 0o600, flag: "w" });
  try {
    // link() refuses an existing name: when two processes start together, the first complete file
    // wins and the other one reads it; nobody ever sees a half-written file.
    fs.linkSync(temporary, file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
  } finally {
    fs.unlinkSync(temporary);
  }
}

function readKeyFile(file: string): SigningKeyFile {
  const result = fileSchema.safeParse(JSON.parse(fs.readFileSync(file, "utf8")));
  if (!result.success) throw new Error(`${file} is not a license-signing key file: ${result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  return result.data;
}

// Write-then-rename, so a reader never sees half a file.
function writeKeyFile(file: string, content: SigningKeyFile): void {
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, JSON.stringify(content, null, 2) + "\n", { mode: 0o600, flag: "w" });
  fs.renameSync(temporary, file);
}
