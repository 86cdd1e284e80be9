// Step-up: proving a second factor again inside a session, and the check that the proof is fresh enough
// for an action that asks for it (contracts/assurance-levels.ts: stepUpFreshMinutes). Times are the
// context's clock, so tests cross the window by moving it.
import { assurancePolicy } from "../../../../contracts/assurance-levels";
import type { SecondFactorProof, VerifiedFactorKind } from "../../../../contracts/mfa-api";
import { AppError } from "../../../common/http/app-error";
import type { AccessContext, RequestMeta } from "../context";
import { hasSecondFactor } from "./pending-sign-in";
import { verifySecondFactor } from "./verify-second-factor";

type Me = { userId: string; email: string; sessionId: string };

export const stepUpRequired = () =>
  new AppError("forbidden", "Confirm it is you with your second factor to do this.", { reason: "step-up-required" });
export const noSecondFactor = () =>
  new AppError("conflict", "You have no second factor yet. Add a passkey or an authenticator app on the Security page first.", { reason: "no-second-factor" });

/** A step-up action asked of a person who has no second factor (the policy hook records it as a refusal). */
export const secondFactorNeeded = () =>
  new AppError("forbidden", "This needs a second factor. Add a passkey or an authenticator app on the Security page first.", { reason: "second-factor-required" });

/** POST /v1/me/step-up: verifies the factor and marks the session as freshly verified. */
export async function stepUp(ctx: AccessContext, me: Me, proof: SecondFactorProof, meta: RequestMeta): Promise<{ verifiedAt: string; factor: VerifiedFactorKind }> {
  if (!(await hasSecondFactor(ctx.prisma, me.userId))) throw noSecondFactor();
  const factor = await verifySecondFactor(ctx, { id: me.userId, email: me.email }, proof, "step-up", meta, me.sessionId);
  const at = ctx.now();
  await markVerified(ctx, me.sessionId, factor, at);
  return { verifiedAt: at.toISOString(), factor };
}

/** Records in the session that a second factor was just verified (a step-up, or confirming a new factor); that also meets a step-up the anomaly detector demanded of it. */
export async function markVerified(ctx: AccessContext, sessionId: string, factor: VerifiedFactorKind, at: Date): Promise<void> {
  await ctx.prisma.session.update({ where: { id: sessionId }, data: { secondFactorKind: factor, secondFactorAt: at, stepUpDemandedAt: null } });
}

/**
 * The factor that makes this session's step-up fresh; throws step-up-required when it is not fresh. A person
 * with none to give is refused (second-factor-required: a password alone never lets a step-up action through),
 * or, where `withoutFactor` is "pass" (adding the first factor), goes on with null.
 */
export async function freshStepUpFactor(ctx: AccessContext, me: { userId: string; sessionId: string }, options: { withoutFactor: "refuse" | "pass" } = { withoutFactor: "refuse" }): Promise<string | null> {
  const [session, has] = await Promise.all([
    ctx.prisma.session.findUnique({ where: { id: me.sessionId }, select: { secondFactorAt: true, secondFactorKind: true } }),
    hasSecondFactor(ctx.prisma, me.userId),
  ]);
  if (!has && options.withoutFactor === "pass") return null;
  if (!has) throw secondFactorNeeded();
  const freshSince = ctx.now().getTime() - assurancePolicy.stepUpFreshMinutes * 60_000;
  if (!session?.secondFactorAt || !session.secondFactorKind || session.secondFactorAt.getTime() < freshSince) throw stepUpRequired();
  return session.secondFactorKind;
}

/** What an audited step-up action adds to its event: the factor that let it through. */
export function stepUpAuditData(meta: RequestMeta): { stepUpFactor?: string } {
  return meta.stepUpFactor ? { stepUpFactor: meta.stepUpFactor } : {};
}
