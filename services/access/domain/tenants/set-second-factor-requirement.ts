// A tenant requires a second factor of its people, or stops requiring it. The tenant's change notifies every
// process's session cache (migration 0033), so its people's sessions that gave no factor owe one at once.
// Audited with the factor the person changing it stepped up with; a closed tenant changes nothing.
import type { Actor } from "../actors/actor";
import type { AccessContext, RequestMeta } from "../context";
import { stepUpAuditData } from "../mfa/step-up";
import { findTenantOrThrow } from "./get-tenant";
import { auditTenantEvent, closedProblem, lockTenant } from "./suspend-tenant";
import { toTenantDto } from "./tenant-dto";

export async function setSecondFactorRequirement(ctx: AccessContext, actor: Actor, id: string, required: boolean, meta: RequestMeta) {
  return ctx.prisma.$transaction(async (tx) => {
    const tenant = await lockTenant(tx, actor, id);
    if (tenant.closedAt || tenant.closingDispositionId) throw closedProblem();
    if (tenant.secondFactorRequired !== required) {
      await tx.tenant.update({ where: { id }, data: { secondFactorRequired: required }, select: { id: true } });
      await auditTenantEvent(tx, actor, meta, "tenant.second_factor_requirement", id, { secondFactor: required ? "required" : "optional", ...stepUpAuditData(meta) });
    }
    return { tenant: toTenantDto(await findTenantOrThrow(tx, actor, id)) };
  });
}
