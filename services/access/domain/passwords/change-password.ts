// A signed-in person changes their own password: the current one re-entered (confirm-password.ts), the
// new one held to the password policy, then — in one transaction — the new hash stored and every other
// session of theirs ended (a password is often changed because it is suspected; the browser in use stays
// signed in). Audited as auth.password_change, never with either password.
import type { ChangePasswordRequest, ChangePasswordResponse } from "../../../../contracts/access-api";
import { AppError } from "../../../common/http/app-error";
import { recordEvent } from "../../outbox/record-event";
import type { AccessContext, RequestMeta } from "../context";
import { endOtherSessions } from "../sessions/revoke-own-sessions";
import { confirmPassword } from "./confirm-password";
import { hashPassword } from "./password-hash";
import { checkPasswordPolicy } from "./password-policy";

type Me = { sessionId: string; user: { id: string; email: string; name: string } };

export async function changePassword(ctx: AccessContext, me: Me, input: ChangePasswordRequest, meta: RequestMeta): Promise<ChangePasswordResponse> {
  const audit = (outcome: "success" | "failure", data: Record<string, string | number>) => (db: Parameters<typeof recordEvent>[0]) =>
    recordEvent(db, {
      action: "auth.password_change",
      outcome,
      actor: { type: "user", id: me.user.id, label: me.user.email },
      target: { type: "user", id: me.user.id },
      tenantId: null,
      sourceIp: meta.sourceIp,
      requestId: meta.requestId,
      data,
    });
  await confirmPassword(ctx, { userId: me.user.id, email: me.user.email }, input.currentPassword, (reason) => audit("failure", { reason })(ctx.prisma), "currentPassword");

  const refuse = async (reason: string, message: string): Promise<never> => {
    await audit("failure", { reason })(ctx.prisma);
    throw new AppError("validation-failed", message, { reason, fieldErrors: { newPassword: [message] } });
  };
  const problems = checkPasswordPolicy(input.newPassword, { email: me.user.email, name: me.user.name });
  if (problems.length) await refuse("password-policy", problems[0]);
  if (input.newPassword === input.currentPassword) await refuse("same-password", "Choose a password different from your current one.");
  const passwordHash = await hashPassword(input.newPassword);

  return ctx.prisma.$transaction(async (tx) => {
    const now = new Date();
    await tx.user.update({ where: { id: me.user.id }, data: { passwordHash } });
    const otherSessionsEnded = await endOtherSessions(ctx, tx, me, "password-changed", meta, now);
    await audit("success", { otherSessionsEnded })(tx);
    return { otherSessionsEnded };
  });
}
