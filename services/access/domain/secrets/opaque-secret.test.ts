import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createSecret, digestSecret, looksLikeSecret, sameDigest } from "./opaque-secret";

describe("opaque secrets", () => {
  it("carry their kind's prefix and 256 random bits", () => {
    const s = createSecret("invitation");
    expect(s).toMatch(/^tsi_[A-Za-z0-9_-]{43}$/);
    expect(createSecret("invitation")).not.toBe(s);
    expect(looksLikeSecret("invitation", s)).toBe(true);
    expect(looksLikeSecret("setup", s)).toBe(false);
    expect(looksLikeSecret("invitation", s.slice(0, -1))).toBe(false);
    expect(looksLikeSecret("invitation", s.slice(0, -1) + "!")).toBe(false);
  });

  it("are stored as a keyed digest that depends on the key", () => {
    const s = createSecret("setup");
    const k1 = randomBytes(32);
    const k2 = randomBytes(32);
    expect(digestSecret(k1, s)).toBe(digestSecret(k1, s));
    expect(digestSecret(k1, s)).not.toBe(digestSecret(k2, s));
    expect(digestSecret(k1, s)).not.toContain(s.slice(4));
    expect(sameDigest(digestSecret(k1, s), digestSecret(k1, s))).toBe(true);
    expect(sameDigest(digestSecret(k1, s), digestSecret(k2, s))).toBe(false);
  });
});
