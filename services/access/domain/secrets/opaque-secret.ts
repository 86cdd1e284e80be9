// Random single-use secrets (setup links, invitations, a sign-in waiting for its second factor): shown once, stored only as a keyed digest
// whose key lives in the access service's key folder, never in the database. Bearer credentials used on
// every request (tokens, sessions) have a checksummed format of their own: credential-format.ts.
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

export type SecretKind = "setup" | "invitation" | "pending-sign-in";
const prefixes: Record<SecretKind, string> = { setup: "tsu_", invitation: "tsi_", "pending-sign-in": "tsp_" };

export function createSecret(kind: SecretKind): string {
  return prefixes[kind] + randomBytes(32).toString("base64url");
}

/** Cheap shape check before any lookup: the right prefix and 43 base64url characters. */
export function looksLikeSecret(kind: SecretKind, value: string): boolean {
  return value.length === prefixes[kind].length + 43 && value.startsWith(prefixes[kind]) && /^[A-Za-z0-9_-]+$/.test(value.slice(4));
}

export function digestSecret(key: Buffer, value: string): string {
  return createHmac("sha256", key).update(value).digest("base64url");
}

export function sameDigest(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
