// The one format of Tessera's bearer credentials — component tokens ("tsr_") and sign-in sessions
// ("tss_"): the kind's prefix + 256 random bits in base62 (43 characters) + a 6-character base62 CRC32 of
// those characters, like GitHub's tokens. Secret scanners can recognise a leak by its shape and checksum,
// and a mistyped or forged credential is refused before any lookup. Stored only as a keyed digest,
// domain-separated by kind, so a token's digest can never match a session's.
import { randomBytes } from "node:crypto";
import { crc32 } from "node:zlib";
import { digestSecret } from "./opaque-secret";

export const credentialPrefixes = { token: "tsr_", session: "tss_" } as const;
export type CredentialKind = keyof typeof credentialPrefixes;

const alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const prefixLength = 4;
const randomChars = 43; // 62^43 > 2^256
const checksumChars = 6; // 62^6 > 2^32
export const credentialLength = prefixLength + randomChars + checksumChars;
const displayChars = 8;
const body = /^[0-9A-Za-z]+$/;

function toBase62(value: bigint, width: number): string {
  let out = "";
  let rest = value;
  for (let i = 0; i < width; i++) {
    out = alphabet[Number(rest % 62n)] + out;
    rest /= 62n;
  }
  return out;
}

function checksum(randomPart: string): string {
  return toBase62(BigInt(crc32(randomPart)), checksumChars);
}

/** A new credential of this kind: 32 random bytes, fixed width, with its checksum. */
export function generateCredential(kind: CredentialKind): string {
  const randomPart = toBase62(BigInt(`0x${randomBytes(32).toString("hex")}`), randomChars);
  return credentialPrefixes[kind] + randomPart + checksum(randomPart);
}

/** True when the text has this kind's prefix and shape and its checksum matches: no database needed to refuse it. */
export function isWellFormedCredential(kind: CredentialKind, text: string): boolean {
  if (text.length !== credentialLength || !text.startsWith(credentialPrefixes[kind]) || !body.test(text.slice(prefixLength))) return false;
  const randomPart = text.slice(prefixLength, prefixLength + randomChars);
  return checksum(randomPart) === text.slice(prefixLength + randomChars);
}

/** What lists show to recognise a credential: its prefix and first 8 characters. Not a secret. */
export function credentialDisplayPrefix(text: string): string {
  return text.slice(0, prefixLength + displayChars);
}

/** The stored lookup key: HMAC under the access service's digest key, separated by kind from every other secret. */
export function digestCredential(digestKey: Buffer, kind: CredentialKind, text: string): string {
  return digestSecret(digestKey, `${kind}:${text}`);
}
