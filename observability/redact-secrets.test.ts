import { describe, expect, it } from "vitest";
import { redactSecrets } from "./redact-secrets.mjs";

describe("log redaction", () => {
  it("cuts every kind of secret down to its prefix, wherever it is in the line", () => {
    const line = JSON.stringify({
      msg: "incoming request",
      req: { url: "/v1/invitations/tsi_Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MA/accept" },
      err: { message: "bad token tsr_AbCdEf0123456789_xyz" },
      other: "tss_abcdefgh tsu_abcdefghij tsd_eyJ1Ijoi.abc tlk_ABCDEFGH",
    });
    const out = redactSecrets(line);
    for (const s of ["tsi_Zm9v", "tsr_AbCd", "tss_abcd", "tsu_abcd", "tsd_eyJ1", "tlk_ABCD"]) expect(out).not.toContain(s);
    expect(out).toContain("/v1/invitations/tsi_[redacted]/accept");
    expect(JSON.parse(out).other).toBe("tss_[redacted] tsu_[redacted] tsd_[redacted] tlk_[redacted]");
  });

  it("keeps the setup link the access service prints for the operator, and nothing else in that line", () => {
    const line = JSON.stringify({ setupUrl: "http://127.0.0.1:3000/setup/tsu_secretsecret", note: "tsu_secretsecret" });
    expect(JSON.parse(redactSecrets(line))).toEqual({ setupUrl: "http://127.0.0.1:3000/setup/tsu_secretsecret", note: "tsu_[redacted]" });
  });

  it("leaves ids and short prefixes (a token's display prefix) alone", () => {
    const line = '{"url":"/v1/licenses/lic_abc123","prefix":"tsr_ab"}';
    expect(redactSecrets(line)).toBe(line);
  });
});
