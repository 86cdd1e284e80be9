// Closes a district through the district deletion flow (compliance/dispositions): closing files an
// all-data disposition request, and the tenant ends closed when that request completes
// (complete-disposition.ts). Until then it is "closing": no suspend, reinstate or second close.
import type { z } from "zod";
import type { closeTenantRequest } from "../../../../contracts/tenant-api";
import { AppError } from "../../../common/http/app-error";
import { recordEvent } from "../../outbox/record-event";
import { auditActor, type Actor } from "../actors/actor";
import type { AccessContext, RequestMeta } from "../context";
import { fileDispositionIn } from "../dispositions/file-disposition";
import { findTenantOrThrow } from "./get-tenant";
import { closedProblem, lockTenant } from "./suspend-tenant";
import { toTenantDto } from "./tenant-dto";

export async function closeTenant(ctx: AccessContext, actor: Actor, id: string, input: z.infer<typeof closeTenantRequest>, meta: RequestMeta) {
  return ctx.prisma.$transaction(async (tx) => {
    const tenant = await lockTenant(tx, actor, id);
    if (tenant.closedAt || tenant.closingDispositionId) throw closedProblem();
    if (tenant.kind !== "district") {
      throw new AppError("conflict", "Only a school district is closed through the deletion flow (a disposition request); a company can be suspended.", { reason: "not-a-district" });
    }
    if (input.confirmSlug !== tenant.slug) {
      throw new AppError("validation-failed", "The request has invalid fields.", { fieldErrors: { confirmSlug: ["Type the tenant's short name exactly to confirm."] } });
    }
    const { disposition } = await fileDispositionIn(ctx, tx, actor, { tenantId: id, scope: "all", reason: input.reason ?? "The tenant is being closed.", confirm: true }, meta);
    // An all-data request with no component to wait for completes as it is filed: the tenant is closed now.
    const now = ctx.now();
    await tx.tenant.update({ where: { id }, data: { closingDispositionId: disposition.id, ...(disposition.completedAt ? { closedAt: now, suspendedAt: null } : {}) }, select: { id: true } });
    await recordEvent(tx, {
      action: "tenant.close",
      outcome: "success",
      actor: auditActor(actor),
      target: { type: "tenant", id },
      tenantId: id,
      sourceIp: meta.sourceIp,
      requestId: meta.requestId,
      data: { dispositionId: disposition.id },
    });
    if (disposition.completedAt) {
      await recordEvent(tx, { action: "tenant.closed", outcome: "success", actor: auditActor(actor), target: { type: "tenant", id }, tenantId: id, sourceIp: meta.sourceIp, requestId: meta.requestId, data: { dispositionId: disposition.id } });
    }
    return { tenant: toTenantDto(await findTenantOrThrow(tx, actor, id)), dispositionId: disposition.id };
  });
}
