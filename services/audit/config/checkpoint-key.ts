// The audit checkpoint key: an Ed25519 key of the audit service used for nothing else, kept beside the
// chain key (checkpoint.key, PKCS#8 PEM, 0600) and never in the audit database. It signs the chain's
// head (checkpoints); its public half is published (checkpoint-public.jwk beside it, and
// GET /v1/chain/checkpoint) so that anyone can check a checkpoint without any secret.
import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { calculateJwkThumbprint, type JWK } from "jose";

export type CheckpointKey = { privateKey: KeyObject; publicJwk: JWK & { kid: string } };

/** Where the key lives: the chain key's folder, the same place and protection as that key. */
export const checkpointKeyFile = (chainKeyFile: string) => path.join(path.dirname(chainKeyFile), "checkpoint.key");
export const checkpointPublicKeyFile = (chainKeyFile: string) => path.join(path.dirname(chainKeyFile), "checkpoint-public.jwk");

/** The public key as a JWK with its RFC 7638 thumbprint as kid. */
export async function publicJwkOf(key: KeyObject): Promise<JWK & { kid: string }> {
  const jwk = createPublicKey(key).export({ format: "jwk" }) as JWK;
  const clean = { kty: jwk.kty, crv: jwk.crv, x: jwk.x };
  return { ...clean, kid: await calculateJwkThumbprint(clean, "sha256"), alg: "EdDSA", use: "sig" };
}

/** Reads the key next to the chain key, creating it (and its public JWK file) on first start. */
export async function loadOrCreateCheckpointKey(chainKeyFile: string): Promise<CheckpointKey> {
  const file = checkpointKeyFile(chainKeyFile);
  let pem: string;
  try {
    pem = await fs.readFile(file, "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
    await fs.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
    const { privateKey } = generateKeyPairSync("ed25519");
    // "wx": never overwrite a key another process created meanwhile.
    await fs.writeFile(file, privateKey.export({ format: "pem", type: "pkcs8" }), { mode: 0o600, flag: "wx" }).catch((err: NodeJS.ErrnoException) => {
      if (err.code !== "EEXIST") throw err;
    });
    pem = await fs.readFile(file, "utf8");
  }
  const privateKey = createPrivateKey(pem);
  if (privateKey.asymmetricKeyType !== "ed25519") throw new Error(`${file} must hold an Ed25519 private key`);
  const publicJwk = await publicJwkOf(privateKey);
  await fs.writeFile(checkpointPublicKeyFile(chainKeyFile), `${JSON.stringify(publicJwk)}\n`, { mode: 0o644 });
  return { privateKey, publicJwk };
}
