// The detector's responses per tenant or tier: read and set by platform administrators (the tenant a
// setting names must exist, a tier too), audited with what it was and what it becomes. Absent: shadow mode.
import type { z } from "zod";
import type { putDetectorSettingRequest, ResponseKind } from "../../../../contracts/security-alert-api";
import { AppError } from "../../../common/http/app-error";
import { recordEvent } from "../../outbox/record-event";
import { auditActor, type Actor } from "../actors/actor";
import type { AccessContext, RequestMeta } from "../context";

const toDto = (r: { scope: string; mode: string; responses: string[] }) => ({ scope: r.scope, mode: r.mode === "enforce" ? ("enforce" as const) : ("shadow" as const), responses: r.responses as ResponseKind[] });

export async function listDetectorSettings(ctx: AccessContext) {
  const rows = await ctx.prisma.detectorSetting.findMany({ orderBy: { scope: "asc" } });
  return { settings: rows.map(toDto) };
}

export async function putDetectorSetting(ctx: AccessContext, actor: Actor, input: z.infer<typeof putDetectorSettingRequest>, meta: RequestMeta) {
  const [kind, id] = input.scope.split(":") as [string, string | undefined];
  const exists =
    kind === "default" ? true
    : kind === "tenant" ? !!(await ctx.prisma.tenant.findUnique({ where: { id: id! }, select: { id: true } }))
    : !!(await ctx.prisma.serviceTier.findUnique({ where: { id: id! }, select: { id: true } }));
  if (!exists) throw new AppError("validation-failed", "No such tenant or tier.", { fieldErrors: { scope: ["No such tenant or tier."] } });
  const responses = [...new Set(input.responses)];
  const setting = await ctx.prisma.$transaction(async (tx) => {
    const before = await tx.detectorSetting.findUnique({ where: { scope: input.scope } });
    const row = await tx.detectorSetting.upsert({
      where: { scope: input.scope },
      create: { scope: input.scope, mode: input.mode, responses, updatedById: actor.userId },
      update: { mode: input.mode, responses, updatedById: actor.userId, updatedAt: ctx.now() },
    });
    await recordEvent(tx, {
      action: "detector.setting_update",
      outcome: "success",
      actor: auditActor(actor),
      target: { type: "detector_setting", id: input.scope },
      tenantId: kind === "tenant" ? (id ?? null) : null,
      sourceIp: meta.sourceIp,
      requestId: meta.requestId,
      data: { scope: input.scope, mode: input.mode, responses: responses.join(", ") || "none", from: before ? `${before.mode}: ${before.responses.join(", ")}` : "shadow (default)" },
    });
    return row;
  });
  ctx.detector?.settingsChanged();
  return toDto(setting);
}
