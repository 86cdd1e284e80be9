import { describe, expect, it } from "vitest";
import { secondFactorsOf, signInErrorCode, signInErrorMessage } from "./sign-in-errors";

describe("sign-in error codes", () => {
  it("reads the ways to complete a second step, and only the known ones", () => {
    expect(secondFactorsOf("second-factor:totp,recovery-code")).toEqual(["totp", "recovery-code"]);
    expect(secondFactorsOf("second-factor:passkey,totp,recovery-code")).toEqual(["passkey", "totp", "recovery-code"]);
    expect(secondFactorsOf("second-factor:recovery-code,<script>")).toEqual(["recovery-code"]);
    expect(secondFactorsOf(signInErrorCode.invalid)).toBeNull();
    expect(secondFactorsOf(null)).toBeNull();
  });
  it("says nothing for the cue to the second step, and a plain sentence for a wrong or expired one", () => {
    expect(signInErrorMessage("second-factor:totp")).toBeNull();
    expect(signInErrorMessage(signInErrorCode.wrongFactor)).toMatch(/not correct or has already been used/);
    expect(signInErrorMessage(signInErrorCode.pendingGone)).toMatch(/expired/);
  });
});
