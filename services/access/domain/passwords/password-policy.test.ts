import { describe, expect, it } from "vitest";
import { checkPasswordPolicy, minPasswordLength } from "./password-policy";

describe("password policy (NIST SP 800-63B)", () => {
  it("accepts a long passphrase of unrelated words, with no composition rules", () => {
    expect(checkPasswordPolicy("lantern orbit pickle harbour")).toEqual([]);
    expect(checkPasswordPolicy("all lowercase and no digits at all ok")).toEqual([]);
  });

  it("accepts passphrases of 64 characters and more, and any Unicode", () => {
    expect(checkPasswordPolicy("Zebra kettle, violin; umbrella & quartz: nine lanterns drift far away")).toEqual([]);
    expect(checkPasswordPolicy("чайник зебра скрипка зонтик кварц")).toEqual([]);
  });

  it(`refuses fewer than ${minPasswordLength} characters, counting characters not bytes`, () => {
    expect(checkPasswordPolicy("x7#kQ9!vB2@mL4")[0]).toMatch(/at least 15 characters \(you used 14\)/);
    expect(checkPasswordPolicy("ääääääääääääää")[0]).toMatch(/you used 14/);
  });

  it("refuses passwords from the common and breached list, whatever their case", () => {
    expect(checkPasswordPolicy("PasswordPassword")[0]).toMatch(/common or breached|too easy/);
    expect(checkPasswordPolicy("123456789012345")[0]).toMatch(/common or breached|too easy/);
  });

  it("refuses well-known passphrases whatever their case, spaces or separators", () => {
    for (const phrase of ["correcthorsebatterystaple", "Correct Horse Battery Staple", "correct-horse_battery.staple",
      "CORRECT  HORSE\tBATTERY STAPLE", "The quick brown fox jumps over the lazy dog!", "may-the-force-be-with-you"]) {
      expect(checkPasswordPolicy(phrase)[0], phrase).toMatch(/common or breached/);
    }
  });

  it("compares common passwords without their separators too", () => {
    expect(checkPasswordPolicy("password-password")[0]).toMatch(/common or breached|too easy/);
  });

  it("still accepts a passphrase that only shares words with a known one", () => {
    expect(checkPasswordPolicy("correct horse battery lantern quarry")).toEqual([]);
  });

  it("refuses repeats, sequences and the user's own name or e-mail", () => {
    expect(checkPasswordPolicy("aaaaaaaaaaaaaaaaaaaa")[0]).toMatch(/too easy/);
    expect(checkPasswordPolicy("abcdefghijklmnopqrstu")[0]).toMatch(/too easy/);
    expect(checkPasswordPolicy("ada.lovelace@example.org", { email: "ada.lovelace@example.org" })[0]).toMatch(/name, e-mail/);
  });
});
