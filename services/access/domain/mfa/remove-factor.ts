// Removing one of the person's own authenticators, proved with the password or a current second factor
// (each throttled like a re-entered password). Removing the last factor also removes the recovery
// codes: with no factor the person signs in with the password alone again, and that is audited — unless a
// second factor is required of them (contracts/assurance-levels.ts): then the last one stays until another is added.
import type { z } from "zod";
import type { removeFactorRequest } from "../../../../contracts/mfa-api";
import { AppError } from "../../../common/http/app-error";
import { recordEvent } from "../../outbox/record-event";
import type { AccessContext, RequestMeta } from "../context";
import { confirmPassword } from "../passwords/confirm-password";
import { verifySecondFactor } from "./verify-second-factor";

type Me = { userId: string; email: string; secondFactorRequired: boolean };
const factorNotFound = () => new AppError("not-found", "No such authenticator.", { reason: "factor-not-found" });

export async function removeFactor(ctx: AccessContext, me: Me, id: string, proof: z.infer<typeof removeFactorRequest>, meta: RequestMeta): Promise<void> {
  const factor = await ctx.prisma.secondFactor.findFirst({ where: { id, userId: me.userId, confirmedAt: { not: null } }, select: { id: true, kind: true } });
  if (!factor) throw factorNotFound();
  if ("password" in proof) await confirmPassword(ctx, me, proof.password);
  else await verifySecondFactor(ctx, { id: me.userId, email: me.email }, proof, "remove-factor", meta);

  await ctx.prisma.$transaction(async (tx) => {
    const removed = await tx.secondFactor.deleteMany({ where: { id: factor.id, userId: me.userId } });
    if (removed.count !== 1) throw factorNotFound();
    const left = await tx.secondFactor.count({ where: { userId: me.userId, confirmedAt: { not: null } } });
    if (left === 0 && me.secondFactorRequired) {
      throw new AppError("conflict", "A second factor is required for your account: add another passkey or authenticator app before removing your last one.", { reason: "last-required-factor" });
    }
    if (left === 0) await tx.recoveryCode.deleteMany({ where: { userId: me.userId } });
    await recordEvent(tx, {
      action: "auth.second_factor_remove",
      outcome: "success",
      actor: { type: "user", id: me.userId, label: me.email },
      target: null,
      tenantId: null,
      sourceIp: meta.sourceIp,
      requestId: meta.requestId,
      data: { factorId: factor.id, kind: factor.kind, provedWith: "password" in proof ? "password" : "code" in proof ? "totp" : "recovery-code", factorsLeft: left },
    });
  });
}
