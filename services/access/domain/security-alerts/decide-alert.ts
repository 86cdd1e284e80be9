// "Not an anomaly" (or "resolved"): closes an open alert. Not an anomaly feeds back to the detector: what
// the alert found new (the certificate, network, component, scope or device in its evidence) is allowed in
// the principal's baseline, so it is never news again; a volume alert raises nothing to allow (the moving
// average learns by itself). Audited; within the actor's tenant.
import type { PrincipalKind } from "../../../../contracts/security-alert-api";
import { recordEvent } from "../../outbox/record-event";
import type { Prisma } from "../../generated/prisma/client";
import { auditActor, type Actor } from "../actors/actor";
import type { AccessContext, RequestMeta } from "../context";
import { alertAlreadyDecided } from "./alert-errors";
import { getAlert, loadAlertOrThrow } from "./get-alert";
import { allowedByAlert } from "./allowed-by-alert";

export async function decideAlert(ctx: AccessContext, actor: Actor, id: string, decision: "not_anomaly" | "resolved", meta: RequestMeta) {
  const alert = await loadAlertOrThrow(ctx.prisma, actor, id);
  const allowed = decision === "not_anomaly" ? allowedByAlert(alert.kind, alert.evidence as Record<string, unknown>) : null;
  await ctx.prisma.$transaction(async (tx) => {
    const claimed = await tx.detectorAlert.updateMany({ where: { id: alert.id, state: "open" }, data: { state: decision, decidedAt: ctx.now(), decidedById: actor.userId } });
    if (claimed.count !== 1) throw alertAlreadyDecided();
    if (allowed) {
      const row = await tx.detectorBaseline.findUnique({ where: { principalKind_principalId: { principalKind: alert.principalKind, principalId: alert.principalId } } });
      const current = (row?.allowed ?? {}) as Record<string, string[]>;
      const list = current[allowed.set] ?? [];
      const next = { ...current, [allowed.set]: list.includes(allowed.value) ? list : [...list, allowed.value] };
      await tx.detectorBaseline.upsert({
        where: { principalKind_principalId: { principalKind: alert.principalKind, principalId: alert.principalId } },
        create: { principalKind: alert.principalKind, principalId: alert.principalId, tenantId: alert.tenantId, data: {}, allowed: next as Prisma.InputJsonObject },
        update: { allowed: next as Prisma.InputJsonObject },
      });
    }
    await recordEvent(tx, {
      action: "detector.alert_decide",
      outcome: "success",
      actor: auditActor(actor),
      target: { type: "alert", id: alert.id },
      tenantId: alert.tenantId,
      sourceIp: meta.sourceIp,
      requestId: meta.requestId,
      data: { decision, kind: alert.kind, ...(allowed ? { allowed: `${allowed.set}:${allowed.value}` } : {}) },
    });
  });
  // The detector's copy in memory allows it too (its writes never touch `allowed`).
  if (allowed) ctx.detector?.allow(alert.principalKind as PrincipalKind, alert.principalId, allowed.set, allowed.value);
  return getAlert(ctx, actor, id);
}
