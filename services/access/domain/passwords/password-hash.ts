// argon2id at OWASP's recommended parameters (m=19 MiB, t=2, p=1); only the encoded hash is stored.
import { hash, verify } from "@node-rs/argon2";

export const argon2Parameters = { algorithm: 2 /* Argon2id */, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, argon2Parameters);
}

// A real hash of a random secret: verifying against it costs the same as against a user's hash,
// so an unknown e-mail takes as long as a wrong password.
let decoyHash: Promise<string> | undefined;

export async function verifyPassword(encodedHash: string | null, password: string): Promise<boolean> {
  if (encodedHash === null) {
    decoyHash ??= hashPassword(crypto.randomUUID());
    await verify(await decoyHash, password).catch(() => false);
    return false;
  }
  return verify(encodedHash, password).catch(() => false);
}
