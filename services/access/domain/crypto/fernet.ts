// Fernet (https://github.com/fernet/spec, Spec.md, version 0x80), composed from node:crypto primitives,
// for reading data encrypted by Python's `cryptography` Fernet (the Django system being imported).
//
// Token: base64url( 0x80 | timestamp u64 BE | IV 16 | AES-128-CBC(PKCS7) ciphertext | HMAC-SHA256 32 ),
// the HMAC under the signing key (first 16 key bytes) over everything before it.
// Time rules follow the reference implementations (Python `cryptography`, Go `fernet-go`): with a TTL,
// a token older than the TTL is expired and one more than 60 s in the future is refused (clock skew);
// without a TTL the timestamp is not checked, as `Fernet.decrypt(token)` does not check it either.
import { createCipheriv, createDecipheriv, createHmac, randomBytes, timingSafeEqual } from "node:crypto";

const version = 0x80;
const headerLength = 1 + 8 + 16;
const hmacLength = 32;
const blockSize = 16;
export const maxClockSkewSeconds = 60;

export type FernetKey = { signingKey: Buffer; encryptionKey: Buffer };

export type FernetFailure =
  | "bad-base64"
  | "bad-version"
  | "too-short"
  | "bad-length"
  | "expired"
  | "future-timestamp"
  | "bad-mac"
  | "bad-padding";

/** Every way a token can fail. The message never contains key or plaintext material. */
export class InvalidFernetToken extends Error {
  constructor(readonly reason: FernetFailure, message: string) {
    super(message);
    this.name = "InvalidFernetToken";
  }
}

/** Strict RFC 4648 §5 base64url with padding, as the spec and Python emit it; anything else is refused. */
function decodeBase64Url(text: string): Buffer | null {
  if (text.length === 0 || text.length % 4 !== 0 || !/^[A-Za-z0-9_-]*(?:[A-Za-z0-9_-]{2}==|[A-Za-z0-9_-]{3}=|[A-Za-z0-9_-]{4})$/.test(text)) return null;
  const bytes = Buffer.from(text, "base64url");
  // Non-canonical trailing bits would decode to the same bytes; a re-encode comparison refuses them.
  return bytes.toString("base64url") === text.replace(/=+$/, "") ? bytes : null;
}

const encodeBase64Url = (bytes: Buffer) => {
  const bare = bytes.toString("base64url");
  return bare + "=".repeat((4 - (bare.length % 4)) % 4);
};

/** Parses a Fernet key: base64url of 32 bytes, signing key first, encryption key last. */
export function parseFernetKey(text: string): FernetKey {
  const raw = decodeBase64Url(text.trim());
  if (!raw || raw.length !== 32) throw new Error("A Fernet key is 32 bytes in base64url (44 characters ending in '=').");
  return { signingKey: raw.subarray(0, 16), encryptionKey: raw.subarray(16) };
}

export function generateFernetKey(): string {
  return encodeBase64Url(randomBytes(32));
}

export type EncryptOptions = { now?: Date; iv?: Buffer };

export function fernetEncrypt(key: FernetKey, message: Buffer | string, options: EncryptOptions = {}): string {
  const iv = options.iv ?? randomBytes(16);
  if (iv.length !== 16) throw new Error("the Fernet IV is 16 bytes");
  const header = Buffer.alloc(headerLength);
  header[0] = version;
  header.writeBigUInt64BE(BigInt(Math.floor((options.now ?? new Date()).getTime() / 1000)), 1);
  iv.copy(header, 9);
  // node's default PKCS#7 padding is the RFC 5652 §6.3 padding the spec names.
  const cipher = createCipheriv("aes-128-cbc", key.encryptionKey, iv);
  const signed = Buffer.concat([header, cipher.update(typeof message === "string" ? Buffer.from(message, "utf8") : message), cipher.final()]);
  return encodeBase64Url(Buffer.concat([signed, createHmac("sha256", key.signingKey).update(signed).digest()]));
}

export type DecryptOptions = { ttlSeconds?: number; now?: Date };

/** Verifies and decrypts in the spec's order; throws InvalidFernetToken naming the first failed check. */
export function fernetDecrypt(key: FernetKey, token: string, options: DecryptOptions = {}): Buffer {
  const raw = decodeBase64Url(token);
  if (!raw) throw new InvalidFernetToken("bad-base64", "The token is not valid base64url.");
  if (raw[0] !== version) throw new InvalidFernetToken("bad-version", "The token does not start with the Fernet version byte 0x80.");
  if (raw.length < headerLength + hmacLength) throw new InvalidFernetToken("too-short", "The token is too short to be a Fernet token.");
  const ciphertextLength = raw.length - headerLength - hmacLength;
  if (ciphertextLength === 0 || ciphertextLength % blockSize !== 0) {
    throw new InvalidFernetToken("bad-length", "The token's ciphertext is not a whole number of AES blocks.");
  }
  const timestamp = Number(raw.readBigUInt64BE(1));
  if (options.ttlSeconds !== undefined) {
    const now = Math.floor((options.now ?? new Date()).getTime() / 1000);
    if (timestamp + options.ttlSeconds < now) throw new InvalidFernetToken("expired", "The token is older than its time to live.");
    if (timestamp > now + maxClockSkewSeconds) throw new InvalidFernetToken("future-timestamp", "The token's timestamp is too far in the future.");
  }
  const signed = raw.subarray(0, raw.length - hmacLength);
  const expected = createHmac("sha256", key.signingKey).update(signed).digest();
  if (!timingSafeEqual(expected, raw.subarray(raw.length - hmacLength))) {
    throw new InvalidFernetToken("bad-mac", "The token's HMAC does not match: wrong key or altered token.");
  }
  const decipher = createDecipheriv("aes-128-cbc", key.encryptionKey, raw.subarray(9, headerLength));
  try {
    return Buffer.concat([decipher.update(signed.subarray(headerLength)), decipher.final()]);
  } catch {
    throw new InvalidFernetToken("bad-padding", "The token's padding is invalid.");
  }
}

/** The timestamp a token records (after verifying nothing): for reports only. */
export function fernetTimestamp(token: string): Date | null {
  const raw = decodeBase64Url(token);
  return raw && raw.length >= 9 && raw[0] === version ? new Date(Number(raw.readBigUInt64BE(1)) * 1000) : null;
}
