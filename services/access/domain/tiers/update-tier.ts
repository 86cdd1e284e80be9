// Saves an edit to a service tier (platform administrators). Licenses on the tier derive their scopes
// from it when used, so removed scopes end for them at once; the audit event records what changed.
import type { UpdateTierInput, UpdateTierResponse } from "../../../../contracts/catalogue-api";
import { AppError } from "../../../common/http/app-error";
import { recordEvent } from "../../outbox/record-event";
import type { Actor } from "../actors/actor";
import { personAuthor } from "../catalogue/change-author";
import type { AccessContext, RequestMeta } from "../context";
import { planTierUpdate } from "./plan-tier-update";
import { hasChanges } from "./tier-changes";
import { describeBreaches } from "./tier-license-breaches";
import { toTierDto } from "./tier-dto";
import { tierScopesInclude } from "./tier-scope-keys";

export async function updateTier(ctx: AccessContext, actor: Actor, tierId: string, update: UpdateTierInput, meta: RequestMeta): Promise<UpdateTierResponse> {
  const by = personAuthor(actor, meta);
  return ctx.prisma.$transaction(async (tx) => {
    const { tier, changes, next, scopeIds, blocking } = await planTierUpdate(tx, tierId, update, { lock: true, now: ctx.now() });
    const licenseCount = await tx.license.count({ where: { tierId } });
    // Nothing to change: nothing written, nothing audited.
    if (!hasChanges(changes)) return { tier: toTierDto(tier, licenseCount), changes };
    if (blocking.length) {
      throw new AppError("conflict", `This edit would leave ${blocking.length === 1 ? "an active license" : `${blocking.length} active licenses`} breaking the tier's rules: ${describeBreaches(blocking, next)}. Change, move or end those licenses first.`, {
        reason: "tier-change-blocked",
      });
    }

    if (changes.scopesRemoved.length) {
      await tx.tierScope.deleteMany({ where: { tierId, scope: { key: { in: changes.scopesRemoved } } } });
    }
    if (changes.scopesAdded.length) {
      await tx.tierScope.createMany({ data: changes.scopesAdded.map((key) => ({ tierId, scopeId: scopeIds.get(key)! })) });
    }
    const saved = await tx.serviceTier.update({
      where: { id: tierId },
      data: {
        name: next.name,
        description: next.description,
        seats: next.seats,
        tokensPerLicense: next.tokensPerLicense,
        requestsPerMinute: next.requestsPerMinute,
        tokenDefaultTtlHours: next.tokenDefaultTtlHours,
        tokenMaxTtlHours: next.tokenMaxTtlHours,
        heartbeatWindowMinutes: next.heartbeatWindowMinutes,
        updatedAt: new Date(), // also when only scopes changed, so expectedUpdatedAt sees every edit
      },
      include: tierScopesInclude,
    });
    await recordEvent(tx, {
      action: "tier.update",
      outcome: "success",
      actor: by.actor,
      target: { type: "tier", id: tierId },
      tenantId: null,
      sourceIp: by.sourceIp,
      requestId: by.requestId,
      data: { key: tier.key, ...changes },
    });
    return { tier: toTierDto(saved, licenseCount), changes };
  });
}
