// The bearer credential format shared by tokens and sessions: shape, width, checksum, display prefix and
// digest separation.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { digestLicenseKey } from "../licenses/license-key";
import { digestToken, generateToken, isWellFormedToken, tokenDisplayPrefix } from "../tokens/token-format";
import { credentialLength, credentialPrefixes, digestCredential, generateCredential, isWellFormedCredential, type CredentialKind } from "./credential-format";

const alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const kinds = Object.keys(credentialPrefixes) as CredentialKind[];

describe.each(kinds)("%s credentials", (kind) => {
  const prefix = credentialPrefixes[kind];
  const generate = () => generateCredential(kind);
  const wellFormed = (text: string) => isWellFormedCredential(kind, text);

  it("are the prefix + 49 base62 characters and pass their own checksum", () => {
    for (let i = 0; i < 200; i++) {
      const text = generate();
      expect(text).toMatch(new RegExp(`^${prefix}[0-9A-Za-z]{49}$`));
      expect(text).toHaveLength(credentialLength);
      expect(wellFormed(text)).toBe(true);
    }
  });

  it("are random: no repeats in a sample", () => {
    const seen = new Set(Array.from({ length: 2_000 }, generate));
    expect(seen.size).toBe(2_000);
  });

  it("catch every single-character typo of a sample", () => {
    for (let n = 0; n < 10; n++) {
      const text = generate();
      for (let i = 4; i < text.length; i++) {
        for (const c of alphabet) {
          if (c === text[i]) continue;
          const typo = text.slice(0, i) + c + text.slice(i + 1);
          expect(wellFormed(typo), typo).toBe(false);
        }
      }
    }
  });

  it("catch swapped neighbours, truncation, extra characters and the other kinds' prefixes", () => {
    const text = generate();
    for (let i = 4; i < text.length - 1; i++) {
      if (text[i] === text[i + 1]) continue;
      expect(wellFormed(text.slice(0, i) + text[i + 1] + text[i] + text.slice(i + 2))).toBe(false);
    }
    expect(wellFormed(text.slice(0, -1))).toBe(false);
    expect(wellFormed(`${text}A`)).toBe(false);
    expect(wellFormed(` ${text.slice(1)}`)).toBe(false);
    for (const other of kinds.filter((k) => k !== kind)) {
      expect(wellFormed(credentialPrefixes[other] + text.slice(4))).toBe(false);
      expect(isWellFormedCredential(other, text)).toBe(false);
    }
  });

  it("refuse arbitrary text", () => {
    fc.assert(fc.property(fc.string({ maxLength: 80 }), (text) => !wellFormed(text) || text.startsWith(prefix)));
  });
});

describe("credential digests", () => {
  it("separate kinds and license keys, and do not contain the secret", () => {
    const key = Buffer.alloc(32, 7);
    const text = generateToken();
    expect(digestCredential(key, "token", text)).not.toBe(digestCredential(key, "session", text));
    expect(digestToken(key, text)).toBe(digestCredential(key, "token", text));
    expect(digestToken(key, text)).not.toBe(digestLicenseKey(key, text));
    expect(digestToken(key, text)).toBe(digestToken(key, text));
    expect(digestToken(key, text)).not.toContain(text.slice(4, 12));
  });

  it("tokens show tsr_ and 8 characters and keep the token wrappers' meaning", () => {
    const token = generateToken();
    expect(tokenDisplayPrefix(token)).toBe(token.slice(0, 12));
    expect(isWellFormedToken(token)).toBe(true);
    expect(isWellFormedToken(generateCredential("session"))).toBe(false);
  });
});
