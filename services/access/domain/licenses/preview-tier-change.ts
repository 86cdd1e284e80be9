// What moving one license to another tier would do, saving nothing: the change-tier dialog's preview. The
// same rules and refusals as change-tier itself (license-transitions.ts, tier-change-rules.ts), so the
// preview cannot promise what the change then refuses: a change the tier's rules block is answered as
// blocked, with what breaks; one refused whatever the tier (a revoked license, its own tier) as change-tier
// refuses it. Read in one snapshot, so the breaches and the scopes agree.
import type { TierChangePreview } from "../../../../contracts/license-api";
import { tenantScope, type Actor } from "../actors/actor";
import type { AccessContext } from "../context";
import { breachTexts } from "../tiers/tier-license-breaches";
import { licenseScopeKeys, tierScopeKeys, tierScopesInclude } from "../tiers/tier-scope-keys";
import { licenseNotFound } from "./get-license";
import { assertNotRevoked, effectiveStatus, planLicenseAction } from "./license-transitions";
import { loadTierOrThrow, tierChangeBlock } from "./tier-change-rules";

export async function previewTierChange(ctx: AccessContext, actor: Actor, licenseId: string, tierId: string): Promise<TierChangePreview> {
  return ctx.prisma.$transaction(
    async (tx) => {
      const current = await tx.license.findFirst({
        where: { id: licenseId, ...tenantScope(actor) },
        select: { id: true, status: true, endsAt: true, tierId: true, seats: true, component: { select: { key: true } }, tier: { select: tierScopesInclude } },
      });
      if (!current) throw licenseNotFound();
      const now = ctx.now();
      assertNotRevoked(current);
      const tier = await loadTierOrThrow(tx, tierId);
      const next = planLicenseAction(current, { action: "change-tier", tier }, now);
      const block = await tierChangeBlock(tx, current.id, tier, now);
      const before = licenseScopeKeys(tierScopeKeys(current.tier), current.component.key);
      const after = licenseScopeKeys(tier.scopes, current.component.key);
      return {
        tier: { id: tier.id, name: tier.name, seats: tier.seats, tokensPerLicense: tier.tokensPerLicense },
        allowed: block === null,
        breaches: block ? breachTexts(block.blocking, tier) : [],
        detail: block?.detail ?? null,
        seats: { from: current.seats, to: next.seats },
        scopesLost: before.filter((s) => !after.includes(s)),
        scopesGained: after.filter((s) => !before.includes(s)),
        rulesApplyOnReinstate: effectiveStatus(current, now) === "suspended",
      };
    },
    { isolationLevel: "RepeatableRead" },
  );
}
