// Applies one response to an alert, through the existing rules: throttle is the license's request-rate
// quota (set-request-quota.ts), suspend is the license's suspend (change-license.ts); step-up and shun are
// recorded as pending: step-up is asked of the person by the MFA work (wired at merge), shunning a
// certificate is the operator's `tessera pki revoke NAME` (the CA's key stays offline). In shadow mode
// nothing is applied, only recorded. Each response is audited (detector.respond) and remembers how to undo it.
import type { ResponseKind } from "../../../../contracts/security-alert-api";
import { recordEvent } from "../../outbox/record-event";
import { newId } from "../secrets/ids";
import { auditActor, type Actor } from "../actors/actor";
import type { AccessContext, RequestMeta } from "../context";
import { changeLicense } from "../licenses/change-license";
import { setRequestQuota } from "../licenses/set-request-quota";
import { noCertificateToShun, noLicenseToAct, noPersonToStepUp } from "./alert-errors";

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
    if (state === "applied") state = "pending";
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
