// Fixed codes that next-auth carries from `authorize` to the sign-in form, and the words shown for them.
export const signInErrorCode = {
  invalid: "invalid-credentials",
  throttled: "throttled:",
  unavailable: "unavailable",
} as const;

export function signInErrorMessage(code: string | null | undefined): string | null {
  if (!code) return null;
  if (code.startsWith(signInErrorCode.throttled)) {
    const n = Number(code.slice(signInErrorCode.throttled.length));
    const seconds = Number.isInteger(n) && n > 0 && n < 86_400 ? n : 60;
    return `Too many attempts. Try again in ${seconds} second${seconds === 1 ? "" : "s"}.`;
  }
  if (code === signInErrorCode.unavailable) return "Sign-in is unavailable right now. Try again in a moment.";
  if (code === "SessionRequired") return null;
  return "E-mail or password is incorrect.";
}
