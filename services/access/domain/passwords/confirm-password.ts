// Re-entering one's password inside a session (revealing a license key, changing the password): counted
// per account on the sign-in throttle (sign-in-throttle.ts), so no such form is a side door for guessing
// the password of a session someone left open. The caller audits a refusal under its own action.
import { wrongPasswordMessage } from "../../../../contracts/field-messages";
import { AppError } from "../../../common/http/app-error";
import type { AccessContext } from "../context";
import { verifyPassword } from "./password-hash";

export type PasswordRefusal = "throttled" | "reauth-failed";

/** 429 for a person past the re-entered-secret throttle (passwords and second factors alike). */
export const tooManyAttempts = (retryAfterSeconds: number) =>
  new AppError("too-many-requests", `Too many attempts. Try again in ${retryAfterSeconds} seconds.`, { retryAfterSeconds });

/** Resolves when `password` is the person's; otherwise audits the refusal with `onRefused` (if given) and throws (429 or 401 reauth-failed). */
export async function confirmPassword(
  ctx: Pick<AccessContext, "prisma" | "throttle">,
  person: { userId: string; email: string },
  password: string,
  onRefused: (reason: PasswordRefusal) => Promise<unknown> = async () => undefined,
  field = "password",
): Promise<void> {
  const verdict = await ctx.throttle.check(person.email);
  if (!verdict.allowed) {
    await onRefused("throttled");
    throw tooManyAttempts(verdict.retryAfterSeconds);
  }
  const user = await ctx.prisma.user.findUnique({ where: { id: person.userId }, select: { passwordHash: true } });
  if (!(await verifyPassword(user?.passwordHash ?? null, password))) {
    await ctx.throttle.recordFailure(person.email);
    await onRefused("reauth-failed");
    throw new AppError("unauthenticated", wrongPasswordMessage, { reason: "reauth-failed", fieldErrors: { [field]: [wrongPasswordMessage] } });
  }
  await ctx.throttle.recordSuccess(person.email);
}
