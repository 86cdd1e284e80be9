// Applies one response to an alert, through the existing rules: throttle is the license's request-rate
// quota (set-request-quota.ts), suspend is the license's suspend (change-license.ts), step-up marks the
// person's live sessions so that every request of theirs is refused with step-up-required until a second
// factor is verified in that session (the policy hook, services/common/http/policy.ts; mfa/step-up.ts clears
// it); shun is recorded as pending: it is the operator's `tessera pki revoke NAME` (the CA's key stays offline). In shadow mode
// nothing is applied, only recorded. Each response is audited (detector.respond) and remembers how to undo it.
import { assurancePolicy } from "../../../../contracts/assurance-levels";
import type { ResponseKind } from "../../../../contracts/security-alert-api";
import { recordEvent } from "../../outbox/record-event";
import { newId } from "../secrets/ids";
import { auditActor, type Actor } from "../actors/actor";
import type { AccessContext, RequestMeta } from "../context";
import { changeLicense } from "../licenses/change-license";
import { setRequestQuota } from "../licenses/set-request-quota";
import { hasSecondFactor } from "../mfa/pending-sign-in";
import { noCertificateToShun, noLicenseToAct, noPersonToStepUp, personHasNoSecondFactor } from "./alert-errors";

/** The request rate a throttled license is held to until the response is reversed. */
export const throttledRequestsPerMinute = 10;

export type AlertTarget = { id: string; tenantId: string | null; principalKind: string; principalId: string; evidence: Record<string, unknown> };

const licenseOf = (a: AlertTarget): string | null =>
  a.principalKind === "license" ? a.principalId : typeof a.evidence.licenseId === "string" ? a.evidence.licenseId : null;
const identityOf = (a: AlertTarget): string | null =>
  a.principalKind === "caller" ? a.principalId : typeof a.evidence.caller === "string" ? a.evidence.caller : null;

export async function respondToAlert(ctx: AccessContext, actor: Actor, alert: AlertTarget, kind: ResponseKind, mode: "shadow" | "apply", meta: RequestMeta) {
  let state: "shadow" | "applied" | "pending" = mode === "shadow" ? "shadow" : "applied";
  let target: Record<string, unknown> = {};
  let undo: Record<string, unknown> = {};
  if (kind === "throttle" || kind === "suspend") {
    const licenseId = licenseOf(alert);
    if (!licenseId) throw noLicenseToAct(kind);
    target = { licenseId };
    if (state === "applied") {
      if (kind === "throttle") {
        const before = await ctx.prisma.license.findUnique({ where: { id: licenseId }, select: { requestsPerMinute: true } });
        await setRequestQuota(ctx, actor, licenseId, { requestsPerMinute: throttledRequestsPerMinute }, meta);
        undo = { requestsPerMinute: before?.requestsPerMinute ?? null };
      } else {
        await changeLicense(ctx, actor, licenseId, { action: "suspend" }, meta);
        undo = { action: "reinstate" };
      }
    }
  } else if (kind === "shun") {
    const identity = identityOf(alert);
    if (!identity) throw noCertificateToShun();
    target = { identity, command: `tessera pki revoke ${identity}` };
    if (state === "applied") state = "pending";
  } else if (kind === "step-up") {
    if (alert.principalKind !== "person") throw noPersonToStepUp();
    target = { userId: alert.principalId };
    if (state === "applied") {
      if (!(await hasSecondFactor(ctx.prisma, alert.principalId))) throw personHasNoSecondFactor();
      // A session whose second factor was verified within the step-up window already meets the demand.
      const freshSince = new Date(ctx.now().getTime() - assurancePolicy.stepUpFreshMinutes * 60_000);
      const marked = await ctx.prisma.session.updateManyAndReturn({
        where: { userId: alert.principalId, endedAt: null, stepUpDemandedAt: null, OR: [{ secondFactorAt: null }, { secondFactorAt: { lt: freshSince } }] },
        data: { stepUpDemandedAt: ctx.now() },
        select: { id: true },
      });
      undo = { sessionIds: marked.map((m) => m.id) };
    }
  }
  return ctx.prisma.$transaction(async (tx) => {
    const response = await tx.detectorResponse.create({
      data: { id: newId("drs"), alertId: alert.id, kind, state, target: target as object, undo: undo as object, actedById: actor.userId },
    });
    await recordEvent(tx, {
      action: "detector.respond",
      outcome: "success",
      actor: auditActor(actor),
      target: { type: "alert", id: alert.id },
      tenantId: alert.tenantId,
      sourceIp: meta.sourceIp,
      requestId: meta.requestId,
      data: { response: kind, state, ...target },
    });
    return response;
  });
}
