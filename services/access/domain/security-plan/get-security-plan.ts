// The security plan as a person reads it: the latest result of each check and the last access review.
// Platform administrators see every piece of evidence; others (tenant admins, district reviewers) see the
// access review's counts but not which accounts and OAuth clients of other tenants are new.
import type { CheckResult, SecurityPlanResponse } from "../../../../contracts/security-plan";
import type { Actor } from "../actors/actor";
import type { AccessContext } from "../context";
import { lastAccessReview } from "./access-review";
import { latestCheckResults } from "./run-self-checks";

/** Evidence the actor may see: the review's lists only for platform administrators. */
export function evidenceFor(actor: Actor, result: CheckResult): CheckResult {
  if (actor.role === "platform_admin" || result.checkId !== "access-review.privileged") return result;
  const { newSinceReview: _lists, ...rest } = result.evidence;
  return { ...result, evidence: rest };
}

export async function getSecurityPlan(ctx: AccessContext, actor: Actor): Promise<SecurityPlanResponse> {
  const [results, review] = await Promise.all([latestCheckResults(ctx.prisma), lastAccessReview(ctx)]);
  return {
    results: results.map((r) => evidenceFor(actor, r)),
    lastReview: review ? { id: review.id, signedOffAt: review.signedOffAt.toISOString(), signedOffBy: review.signedOffBy, note: review.note } : null,
    generatedAt: ctx.now().toISOString(),
  };
}
