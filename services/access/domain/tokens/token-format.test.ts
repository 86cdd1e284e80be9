// The token format: shape, width, checksum, display prefix and digest separation.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { digestLicenseKey } from "../licenses/license-key";
import { digestToken, generateToken, isWellFormedToken, tokenDisplayPrefix, tokenLength } from "./token-format";

const alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

describe("token format", () => {
  it("is tsr_ + 49 base62 characters and passes its own checksum", () => {
    for (let i = 0; i < 200; i++) {
      const token = generateToken();
      expect(token).toMatch(/^tsr_[0-9A-Za-z]{49}$/);
      expect(token).toHaveLength(tokenLength);
      expect(isWellFormedToken(token)).toBe(true);
    }
  });

  it("is random: no repeats in a sample", () => {
    const seen = new Set(Array.from({ length: 2_000 }, generateToken));
    expect(seen.size).toBe(2_000);
  });

  it("catches every single-character typo of a sample of tokens", () => {
    for (let n = 0; n < 20; n++) {
      const token = generateToken();
      for (let i = 4; i < token.length; i++) {
        for (const c of alphabet) {
          if (c === token[i]) continue;
          const typo = token.slice(0, i) + c + token.slice(i + 1);
          expect(isWellFormedToken(typo), typo).toBe(false);
        }
      }
    }
  });

  it("catches swapped neighbours, truncation, extra characters and other prefixes", () => {
    const token = generateToken();
    for (let i = 4; i < token.length - 1; i++) {
      if (token[i] === token[i + 1]) continue;
      expect(isWellFormedToken(token.slice(0, i) + token[i + 1] + token[i] + token.slice(i + 2))).toBe(false);
    }
    expect(isWellFormedToken(token.slice(0, -1))).toBe(false);
    expect(isWellFormedToken(`${token}A`)).toBe(false);
    expect(isWellFormedToken(`tss_${token.slice(4)}`)).toBe(false);
    expect(isWellFormedToken(` ${token.slice(1)}`)).toBe(false);
  });

  it("refuses arbitrary text", () => {
    fc.assert(fc.property(fc.string({ maxLength: 80 }), (text) => !isWellFormedToken(text) || text.startsWith("tsr_")));
  });

  it("shows tsr_ and 8 characters, and digests apart from license keys", () => {
    const token = generateToken();
    expect(tokenDisplayPrefix(token)).toBe(token.slice(0, 12));
    const key = Buffer.alloc(32, 7);
    expect(digestToken(key, token)).not.toBe(digestLicenseKey(key, token));
    expect(digestToken(key, token)).toBe(digestToken(key, token));
    expect(digestToken(key, token)).not.toContain(token.slice(4, 12));
  });
});
