// Token text: "tsr_" + 256 random bits in base62 (43 characters) + a 6-character base62 CRC32 of those
// characters, like GitHub's tokens: secret scanners can recognise a leak by its shape and checksum, and a
// mistyped token is refused before any lookup. Stored only as a keyed digest with its own domain prefix.
import { randomBytes } from "node:crypto";
import { crc32 } from "node:zlib";
import { digestSecret } from "../secrets/opaque-secret";

export const tokenPrefix = "tsr_";
const alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const randomChars = 43; // 62^43 > 2^256
const checksumChars = 6; // 62^6 > 2^32
export const tokenLength = tokenPrefix.length + randomChars + checksumChars;
const displayChars = 8;
const shape = new RegExp(`^${tokenPrefix}[0-9A-Za-z]{${randomChars + checksumChars}}$`);

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

/** A new token: 32 random bytes, fixed width, with its checksum. */
export function generateToken(): string {
  const randomPart = toBase62(BigInt(`0x${randomBytes(32).toString("hex")}`), randomChars);
  return tokenPrefix + randomPart + checksum(randomPart);
}

/** True when the text has the token shape and its checksum matches: no database needed to refuse a typo. */
export function isWellFormedToken(text: string): boolean {
  if (text.length !== tokenLength || !shape.test(text)) return false;
  const randomPart = text.slice(tokenPrefix.length, tokenPrefix.length + randomChars);
  return checksum(randomPart) === text.slice(tokenPrefix.length + randomChars);
}

/** What lists show to recognise a token: "tsr_" and its first 8 characters. Not a secret. */
export function tokenDisplayPrefix(token: string): string {
  return token.slice(0, tokenPrefix.length + displayChars);
}

/** The stored lookup key: HMAC under the access service's digest key, domain-separated from other secrets. */
export function digestToken(digestKey: Buffer, token: string): string {
  return digestSecret(digestKey, `token:${token}`);
}
