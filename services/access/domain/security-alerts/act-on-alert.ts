// A person's one-click actions on an alert: apply a response now (through the same rules as the detector's
// own, respond-to-alert.ts), reverse one (reinstate the license, restore its quota, lift the step-up demanded
// of the person's sessions, cancel a pending shun), each audited and within the actor's tenant.
import type { ResponseKind } from "../../../../contracts/security-alert-api";
import { recordEvent } from "../../outbox/record-event";
import { auditActor, type Actor } from "../actors/actor";
import type { AccessContext, RequestMeta } from "../context";
import { changeLicense } from "../licenses/change-license";
import { setRequestQuota } from "../licenses/set-request-quota";
import { responseNotFound, responseNotReversible } from "./alert-errors";
import { getAlert, loadAlertOrThrow } from "./get-alert";
import { respondToAlert } from "./respond-to-alert";

export async function applyAlertResponse(ctx: AccessContext, actor: Actor, id: string, kind: ResponseKind, meta: RequestMeta) {
  const alert = await loadAlertOrThrow(ctx.prisma, actor, id);
  await respondToAlert(ctx, actor, { ...alert, evidence: alert.evidence as Record<string, unknown> }, kind, "apply", meta);
  return getAlert(ctx, actor, id);
}

export async function reverseAlertResponse(ctx: AccessContext, actor: Actor, id: string, responseId: string, meta: RequestMeta) {
  const alert = await loadAlertOrThrow(ctx.prisma, actor, id);
  const response = alert.responses.find((r) => r.id === responseId);
  if (!response) throw responseNotFound();
  if (response.state !== "applied" && response.state !== "pending") throw responseNotReversible();
  const target = response.target as { licenseId?: string };
  const undo = response.undo as { requestsPerMinute?: number | null; action?: "reinstate"; sessionIds?: string[] };
  // Claimed first, so two clicks reverse once; the license rule then runs (and audits) as a person's would.
  const claimed = await ctx.prisma.detectorResponse.updateMany({
    where: { id: responseId, alertId: alert.id, state: response.state },
    data: { state: "reversed", reversedAt: ctx.now(), reversedById: actor.userId },
  });
  if (claimed.count !== 1) throw responseNotReversible();
  try {
    if (response.state === "applied" && target.licenseId) {
      if (response.kind === "throttle") await setRequestQuota(ctx, actor, target.licenseId, { requestsPerMinute: undo.requestsPerMinute ?? null }, meta);
      if (response.kind === "suspend") await changeLicense(ctx, actor, target.licenseId, { action: "reinstate" }, meta);
    }
    // The sessions it marked no longer need a fresh second factor (those that gave one already are clear).
    if (response.state === "applied" && response.kind === "step-up" && undo.sessionIds?.length) {
      await ctx.prisma.session.updateMany({ where: { id: { in: undo.sessionIds } }, data: { stepUpDemandedAt: null } });
    }
  } catch (err) {
    await ctx.prisma.detectorResponse.update({ where: { id: responseId }, data: { state: response.state, reversedAt: null, reversedById: null } });
    throw err;
  }
  await ctx.prisma.$transaction((tx) =>
    recordEvent(tx, {
      action: "detector.response_reverse",
      outcome: "success",
      actor: auditActor(actor),
      target: { type: "alert", id: alert.id },
      tenantId: alert.tenantId,
      sourceIp: meta.sourceIp,
      requestId: meta.requestId,
      data: { response: response.kind, responseId, ...target },
    }),
  );
  return getAlert(ctx, actor, id);
}
