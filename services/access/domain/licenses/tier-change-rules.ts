// The tier rules a license is held to when it moves tier (change-tier and its preview) or comes back from
// suspension (reinstating it, alone or with its tenant), and the sentences of their refusals. The rules
// themselves live in tiers/tier-license-breaches.ts; this file says what each refusal is called.
import type { BlockingLicense } from "../../../../contracts/catalogue-api";
import type { LicenseConflictReason } from "../../../../contracts/license-api";
import { AppError } from "../../../common/http/app-error";
import type { TransactionClient } from "../context";
import { breachesOfReinstatement, breachesOfTierChange, describeBreaches, tierLimitsOf, tierLimitsSelect, type NamedTierLimits } from "../tiers/tier-license-breaches";

const conflict = (reason: LicenseConflictReason, detail: string) => new AppError("conflict", detail, { reason });

/** The tier a change names, as the rules read it; 422 fieldErrors.tierId when there is no such tier. */
export async function loadTierOrThrow(tx: TransactionClient, tierId: string): Promise<NamedTierLimits> {
  const tier = await tx.serviceTier.findUnique({ where: { id: tierId }, select: tierLimitsSelect });
  if (!tier) throw new AppError("validation-failed", "The request has invalid fields.", { fieldErrors: { tierId: ["No such tier."] } });
  return tierLimitsOf(tier);
}

export type Blocked = { blocking: BlockingLicense; tier: NamedTierLimits; detail: string };

/** What moving the license onto `tier` would break, with the sentence change-tier refuses with; null when it may move. */
export async function tierChangeBlock(tx: TransactionClient, licenseId: string, tier: NamedTierLimits, now: Date): Promise<Blocked | null> {
  const blocking = await breachesOfTierChange(tx, licenseId, tier, now);
  if (!blocking) return null;
  return { blocking, tier, detail: `Moving this license to ${tier.name} would leave it breaking the tier's rules: ${describeBreaches([blocking], tier)}.` };
}

export const tierChangeBlocked = (block: Blocked) => conflict("tier-change-blocked", block.detail);

/**
 * The suspended licenses among `licenseIds` that reinstating would leave breaking their tier's rules (the
 * tier, or the license's move to it, changed while it was suspended and did not wait for it), each with
 * the sentence its reinstatement is refused with.
 */
export async function reinstatementBlocks(tx: TransactionClient, licenseIds: readonly string[], now: Date): Promise<Blocked[]> {
  const found = await breachesOfReinstatement(tx, licenseIds, now);
  return found.map(({ license, tier }) => ({
    blocking: license,
    tier,
    detail: `Reinstating this license would leave it breaking the rules of its tier ${tier.name}, which changed while it was suspended: ${describeBreaches([license], tier)}. Move it to a tier it fits, or free its seats or tokens, then reinstate it.`,
  }));
}

export const reinstateBlocked = (block: Blocked) => conflict("reinstate-blocked", block.detail);
