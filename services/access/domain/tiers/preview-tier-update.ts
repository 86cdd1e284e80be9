// Shows what an edit to a tier would change, and for whom, without saving it: the scopes added and
// removed, the quota changes, the licenses whose scopes would widen or narrow, and the active licenses the
// edit would leave breaking the tier's rules, which block saving (platform administrators).
import { previewLicenseLimit, type TierPreviewResponse, type UpdateTierInput } from "../../../../contracts/catalogue-api";
import type { Actor } from "../actors/actor";
import type { AccessContext } from "../context";
import { planTierUpdate } from "./plan-tier-update";
import { toTierDto } from "./tier-dto";
import { licenseScopeKeys, scopeComponentKey } from "./tier-scope-keys";

export async function previewTierUpdate(ctx: AccessContext, actor: Actor, tierId: string, update: UpdateTierInput): Promise<TierPreviewResponse> {
  // One snapshot (repeatable read), so the counts and the list agree with the diff.
  return ctx.prisma.$transaction(async (tx) => {
    const { tier, changes, blocking } = await planTierUpdate(tx, tierId, update, { lock: false, now: ctx.now() });
    const touched = [...new Set([...changes.scopesAdded, ...changes.scopesRemoved].map(scopeComponentKey))];
    const live = { tierId, status: { not: "revoked" as const } };
    const affectedWhere = { ...live, component: { key: { in: touched } } };
    const [licenseCount, onTier, affectedCount, affected] = await Promise.all([
      tx.license.count({ where: { tierId } }),
      tx.license.count({ where: live }),
      touched.length ? tx.license.count({ where: affectedWhere }) : 0,
      touched.length
        ? tx.license.findMany({
            where: affectedWhere,
            select: { id: true, tenantId: true, status: true, tenant: { select: { name: true } }, component: { select: { key: true } } },
            orderBy: [{ tenant: { name: "asc" } }, { id: "asc" }],
            take: previewLicenseLimit,
          })
        : [],
    ]);
    return {
      tier: toTierDto(tier, licenseCount),
      changes,
      licenses: {
        onTier,
        affectedCount,
        affected: affected.map((license) => ({
          licenseId: license.id,
          tenantId: license.tenantId,
          tenantName: license.tenant.name,
          componentKey: license.component.key,
          status: license.status,
          scopesAdded: licenseScopeKeys(changes.scopesAdded, license.component.key),
          scopesRemoved: licenseScopeKeys(changes.scopesRemoved, license.component.key),
        })),
        blockingCount: blocking.length,
        blocking: blocking.slice(0, previewLicenseLimit),
      },
    };
  }, { isolationLevel: "RepeatableRead" });
}
