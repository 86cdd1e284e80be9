// Uses a setup link to create the first platform administrator. The link is consumed atomically, so
// two concurrent submissions cannot both succeed.
import { AppError } from "../../../common/http/app-error";
import { recordEvent } from "../../outbox/record-event";
import type { AccessContext, RequestMeta } from "../context";
import { hashPassword } from "../passwords/password-hash";
import { checkPasswordPolicy } from "../passwords/password-policy";
import { newId } from "../secrets/ids";
import { digestSecret } from "../secrets/opaque-secret";
import { assertSetupLinkUsable } from "./setup-link-state";
import { toUserDto } from "../users/user-dto";

export async function getSetupLink(ctx: AccessContext, token: string) {
  const link = await ctx.prisma.setupLink.findUnique({ where: { tokenDigest: digestSecret(ctx.keys.secretDigest, token) } });
  assertSetupLinkUsable(link);
  return { expiresAt: link.expiresAt.toISOString() };
}

export async function createFirstAdmin(
  ctx: AccessContext,
  input: { token: string; name: string; email: string; password: string },
  meta: RequestMeta,
) {
  const tokenDigest = digestSecret(ctx.keys.secretDigest, input.token);
  assertSetupLinkUsable(await ctx.prisma.setupLink.findUnique({ where: { tokenDigest } }));
  const problems = checkPasswordPolicy(input.password, { email: input.email, name: input.name });
  if (problems.length) throw new AppError("validation-failed", "The password does not meet the rules.", { fieldErrors: { password: problems } });
  const passwordHash = await hashPassword(input.password);

  return ctx.prisma.$transaction(async (tx) => {
    const now = new Date();
    const claimed = await tx.setupLink.updateMany({
      where: { tokenDigest, usedAt: null, revokedAt: null, expiresAt: { gt: now } },
      data: { usedAt: now },
    });
    if (claimed.count !== 1) {
      assertSetupLinkUsable(await tx.setupLink.findUnique({ where: { tokenDigest } }));
      throw new AppError("conflict", "This setup link is being used by another request.", { reason: "setup-link-used" });
    }
    if (await tx.user.count({ where: { role: "platform_admin" } })) {
      throw new AppError("conflict", "A platform administrator already exists.", { reason: "setup-done" });
    }
    const user = await tx.user.create({
      data: { id: newId("usr"), email: input.email, name: input.name, role: "platform_admin", passwordHash },
    });
    await recordEvent(tx, {
      action: "setup.admin_create",
      outcome: "success",
      actor: { type: "user", id: user.id, label: user.email },
      target: { type: "user", id: user.id },
      tenantId: null,
      sourceIp: meta.sourceIp,
      requestId: meta.requestId,
      data: { role: user.role },
    });
    return { user: toUserDto(user) };
  });
}
