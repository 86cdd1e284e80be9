import { describe, expect, it } from "vitest";
import { recoveryCode } from "../../../../contracts/mfa-api";
import { newRecoveryCodes, normaliseRecoveryCode } from "./recovery-codes";

describe("recovery codes", () => {
  it("are ten distinct codes of two groups of five, without look-alike characters", () => {
    const codes = newRecoveryCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const c of codes) expect(c).toMatch(/^[2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5}$/);
  });

  it("read the same however they are typed", () => {
    const [code] = newRecoveryCodes(1);
    const typed = ` ${code.toLowerCase().replace("-", " - ")} `;
    expect(normaliseRecoveryCode(typed)).toBe(code.replace("-", ""));
    expect(recoveryCode.parse(typed)).toBe(code.replace("-", ""));
  });

  it("refuse malformed input at the boundary", () => {
    for (const bad of ["", "ABCDE", "ABCDE-FGHIJK", "ABCDE-FGHI\u0000", "ABCDE_FGHIJ"]) expect(recoveryCode.safeParse(bad).success, bad).toBe(false);
  });
});
