// The person's own confirmed factors, how many recovery codes they have left, and when this session
// last verified a second factor (the Security page; the console's step-up dialog reads it too).
import type { AccessContext } from "../context";
import { toFactorDto } from "./factor-dto";

export async function listFactors(ctx: AccessContext, me: { userId: string; sessionId: string }) {
  const [factors, recoveryCodesLeft, session] = await Promise.all([
    ctx.prisma.secondFactor.findMany({ where: { userId: me.userId, confirmedAt: { not: null } }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] }),
    ctx.prisma.recoveryCode.count({ where: { userId: me.userId, usedAt: null } }),
    ctx.prisma.session.findUnique({ where: { id: me.sessionId }, select: { secondFactorAt: true } }),
  ]);
  return { factors: factors.map(toFactorDto), recoveryCodesLeft, verifiedAt: session?.secondFactorAt?.toISOString() ?? null };
}
