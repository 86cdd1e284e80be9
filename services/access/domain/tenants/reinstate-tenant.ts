// Reinstates a suspended tenant and the licenses its suspension suspended (suspendedByTenant), not those
// suspended on their own before. The tenant is active again first, then its licenses come back here, under
// the rules a license's own reinstatement follows (licenses/change-license.ts): seats above the tier's are
// cut to it, and a license whose tier's rules now block it (the tier, or the license's move to it, changed
// while it was suspended) stays suspended. Such a license does not keep the tenant down: the tenant is
// reinstated all the same, the answer lists the blocked licenses with why, and each gets a failed
// license.reinstate event saying so; once moved or freed it is reinstated on its own. Refusing the whole
// reinstatement instead would hold every other license of the tenant hostage to one. One transaction.
import type { LicenseStatus } from "../../../../contracts/license-api";
import type { z } from "zod";
import type { tenantActionResponse } from "../../../../contracts/tenant-api";
import { AppError } from "../../../common/http/app-error";
import type { Actor } from "../actors/actor";
import type { AccessContext, RequestMeta } from "../context";
import { planLicenseAction } from "../licenses/license-transitions";
import { reinstatementBlocks } from "../licenses/tier-change-rules";
import { findTenantOrThrow } from "./get-tenant";
import { auditLicenseEvent, auditTenantEvent, closedProblem, lockTenant } from "./suspend-tenant";
import { toTenantDto } from "./tenant-dto";

export async function reinstateTenant(ctx: AccessContext, actor: Actor, id: string, meta: RequestMeta): Promise<z.infer<typeof tenantActionResponse>> {
  return ctx.prisma.$transaction(async (tx) => {
    const tenant = await lockTenant(tx, actor, id);
    if (tenant.closedAt || tenant.closingDispositionId) throw closedProblem();
    if (!tenant.suspendedAt) throw new AppError("conflict", "The tenant is not suspended.", { reason: "not-suspended" });
    const now = ctx.now();
    await tx.tenant.update({ where: { id }, data: { suspendedAt: null }, select: { id: true } });

    // Those the suspension suspended and still suspended (one revoked meanwhile stays revoked).
    const back = await tx.license.findMany({
      where: { tenantId: id, suspendedByTenant: true, status: "suspended" },
      select: { id: true, status: true, endsAt: true, tierId: true, seats: true, tier: { select: { seats: true } } },
      orderBy: { id: "asc" },
    });
    const blocks = await reinstatementBlocks(tx, back.map((l) => l.id), now);
    const blocked = new Set(blocks.map((b) => b.blocking.licenseId));
    const reinstated = back.filter((l) => !blocked.has(l.id));
    for (const l of reinstated) {
      const next = planLicenseAction(l, { action: "reinstate", tierSeats: l.tier.seats }, now);
      await tx.license.update({ where: { id: l.id }, data: { status: next.status, seats: next.seats, statusChangedAt: now }, select: { id: true } });
      const seats = next.seats !== l.seats ? { fromSeats: l.seats, toSeats: next.seats } : {};
      const to: LicenseStatus = next.status;
      await auditLicenseEvent(tx, actor, meta, id, l.id, "license.reinstate", { from: "suspended", to, byTenant: true, ...seats });
    }
    // A blocked license stays suspended as if on its own: the tenant's next reinstatement does not concern it.
    await tx.license.updateMany({ where: { tenantId: id, suspendedByTenant: true }, data: { suspendedByTenant: false } });

    await auditTenantEvent(tx, actor, meta, "tenant.reinstate", id, { licenses: reinstated.length, ...(blocks.length ? { blocked: blocks.map((b) => b.blocking.licenseId) } : {}) });
    for (const b of blocks) {
      await auditLicenseEvent(tx, actor, meta, id, b.blocking.licenseId, "license.reinstate", { from: "suspended", to: "suspended", byTenant: true, reason: "reinstate-blocked", breaches: b.detail }, "failure");
    }
    return {
      tenant: toTenantDto(await findTenantOrThrow(tx, actor, id)),
      licenses: reinstated.length,
      blocked: blocks.map((b) => ({ licenseId: b.blocking.licenseId, componentKey: b.blocking.componentKey, detail: b.detail })),
    };
  });
}
