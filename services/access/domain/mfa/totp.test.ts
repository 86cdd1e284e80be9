// TOTP against RFC 6238's published vectors (Appendix B, SHA-1, 8 digits there; here the same HMAC
// truncated to 6 digits), the drift window and replay refusal.
import { Secret, TOTP } from "otpauth";
import { describe, expect, it } from "vitest";
import { checkTotp, newTotpSecret, totpCodeAt, totpStep, totpUri } from "./totp";

// RFC 6238 Appendix B: the ASCII secret "12345678901234567890".
const rfcSecret = Secret.fromLatin1("12345678901234567890").base32;
const at = (seconds: number) => new Date(seconds * 1000);

describe("TOTP (RFC 6238)", () => {
  it("matches the RFC's SHA-1 vectors (last 6 of the 8 published digits)", () => {
    const vectors: [number, string][] = [[59, "94287082"], [1111111109, "07081804"], [1111111111, "14050471"], [1234567890, "89005924"], [2000000000, "69279037"]];
    for (const [t, code8] of vectors) {
      expect(TOTP.generate({ secret: Secret.fromBase32(rfcSecret), digits: 8, period: 30, algorithm: "SHA1", timestamp: t * 1000 })).toBe(code8);
      expect(totpCodeAt(rfcSecret, at(t))).toBe(code8.slice(2));
    }
  });

  it("accepts the current step and one either side, nothing further", () => {
    const now = at(1_700_000_000);
    for (const offset of [-30, 0, 30]) expect(checkTotp(rfcSecret, totpCodeAt(rfcSecret, at(1_700_000_000 + offset)), now, null).ok).toBe(true);
    for (const offset of [-90, -60, 60, 90]) expect(checkTotp(rfcSecret, totpCodeAt(rfcSecret, at(1_700_000_000 + offset)), now, null)).toEqual({ ok: false, reason: "wrong-code" });
  });

  it("says which step a code belonged to, so the caller can spend it", () => {
    const now = at(1_700_000_000);
    const previous = checkTotp(rfcSecret, totpCodeAt(rfcSecret, at(1_700_000_000 - 30)), now, null);
    expect(previous).toEqual({ ok: true, step: totpStep(now) - 1 });
  });

  it("refuses a code of a step already used, or of an earlier one", () => {
    const now = at(1_700_000_000);
    const code = totpCodeAt(rfcSecret, now);
    const first = checkTotp(rfcSecret, code, now, null);
    if (!first.ok) throw new Error("expected the first use to pass");
    expect(checkTotp(rfcSecret, code, now, first.step)).toEqual({ ok: false, reason: "replayed" });
    // The previous step's code, still inside the drift window, is older than what was used: refused too.
    expect(checkTotp(rfcSecret, totpCodeAt(rfcSecret, at(1_700_000_000 - 30)), now, first.step)).toEqual({ ok: false, reason: "replayed" });
    // The next step's code is new.
    expect(checkTotp(rfcSecret, totpCodeAt(rfcSecret, at(1_700_000_030)), at(1_700_000_030), first.step).ok).toBe(true);
  });

  it("refuses malformed and wrong codes", () => {
    const now = at(1_700_000_000);
    for (const code of ["", "12345", "1234567", "abcdef", "000000\u0000"]) expect(checkTotp(rfcSecret, code, now, null).ok, code).toBe(false);
  });

  it("makes 160-bit secrets and an otpauth URI apps read", () => {
    const secret = newTotpSecret();
    expect(Secret.fromBase32(secret).bytes.length).toBe(20);
    expect(newTotpSecret()).not.toBe(secret);
    const uri = new URL(totpUri(secret, "ada@example.org"));
    expect(uri.protocol).toBe("otpauth:");
    expect(uri.searchParams.get("secret")).toBe(secret);
    expect(uri.searchParams.get("issuer")).toBe("Tessera");
    expect(uri.searchParams.get("digits")).toBe("6");
    expect(uri.searchParams.get("period")).toBe("30");
  });
});
