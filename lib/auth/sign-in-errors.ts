// Fixed codes that next-auth carries from `authorize` to the sign-in form, and the words shown for them.
import { verifiedFactorKinds } from "@/contracts/mfa-api";
export const signInErrorCode = {
  invalid: "invalid-credentials",
  throttled: "throttled:",
  unavailable: "unavailable",
  /** The password was right; the second factor is to come. Followed by the ways offered, comma-separated ("totp,recovery-code"). */
  secondFactor: "second-factor:",
  /** A second factor that did not verify. */
  wrongFactor: "second-factor-failed",
  /** The pending sign-in is gone (expired, used): start again with the password. */
  pendingGone: "pending-sign-in-invalid",
} as const;

/** The ways a second step may be completed, from a `secondFactor` code; null for any other code. */
export function secondFactorsOf(code: string | null | undefined): string[] | null {
  if (!code?.startsWith(signInErrorCode.secondFactor)) return null;
  return code.slice(signInErrorCode.secondFactor.length).split(",").filter((k) => (verifiedFactorKinds as readonly string[]).includes(k));
}

export function signInErrorMessage(code: string | null | undefined): string | null {
  if (!code) return null;
  if (code.startsWith(signInErrorCode.throttled)) {
    const n = Number(code.slice(signInErrorCode.throttled.length));
    const seconds = Number.isInteger(n) && n > 0 && n < 86_400 ? n : 60;
    return `Too many attempts. Try again in ${seconds} second${seconds === 1 ? "" : "s"}.`;
  }
  if (code === signInErrorCode.unavailable) return "Sign-in is unavailable right now. Try again in a moment.";
  if (code === "SessionRequired") return null;
  if (code.startsWith(signInErrorCode.secondFactor)) return null;
  if (code === signInErrorCode.wrongFactor) return "That code is not correct or has already been used. Try the current code, or a recovery code.";
  if (code === signInErrorCode.pendingGone) return "This sign-in has expired. Enter your e-mail and password again.";
  return "E-mail or password is incorrect.";
}
