// Works out what an edit would do to a tier, refusing edits that cannot be saved: unknown tier (404),
// a tier changed since the editor loaded it (409), a default token lifetime above the maximum or
// scopes not in the catalogue (422). Preview and save both go through here, and both learn from here
// which active licenses the edit would leave breaking the tier's rules (tier-license-breaches.ts).
import type { UpdateTierInput } from "../../../../contracts/catalogue-api";
import { AppError } from "../../../common/http/app-error";
import type { TransactionClient } from "../context";
import { resolveScopeIds } from "./resolve-scope-ids";
import { licensesBreakingTierEdit } from "./tier-license-breaches";
import { applyTierUpdate, diffTier, type TierState } from "./tier-changes";
import { tierScopeKeys, tierScopesInclude } from "./tier-scope-keys";

export async function planTierUpdate(tx: TransactionClient, tierId: string, update: UpdateTierInput, options: { lock: boolean; now: Date }) {
  // Saving holds the row until commit, so two editors cannot interleave and both believe their diff.
  if (options.lock) await tx.$queryRaw`select id from service_tiers where id = ${tierId} for update`;
  const tier = await tx.serviceTier.findUnique({ where: { id: tierId }, include: tierScopesInclude });
  if (!tier) throw new AppError("not-found", "No such service tier.");
  if (update.expectedUpdatedAt !== undefined && new Date(update.expectedUpdatedAt).getTime() !== tier.updatedAt.getTime()) {
    throw new AppError("conflict", "Someone changed this tier since you opened it. Reload and try again.", { reason: "tier-changed" });
  }
  const current: TierState = { ...tier, scopes: tierScopeKeys(tier) };
  const next = applyTierUpdate(current, update);
  if (next.tokenDefaultTtlHours > next.tokenMaxTtlHours) {
    throw new AppError("validation-failed", "The default token lifetime cannot exceed the maximum.", {
      fieldErrors: { tokenDefaultTtlHours: [`Must be at most the maximum token lifetime (${next.tokenMaxTtlHours} hours).`] },
    });
  }
  const scopeIds = await resolveScopeIds(tx, next.scopes, current.scopes);
  const changes = diffTier(current, next);
  // Only a narrowing edit can break a license: fewer scopes, seats or tokens.
  const narrows = changes.scopesRemoved.length > 0 || next.seats < current.seats || next.tokensPerLicense < current.tokensPerLicense;
  const blocking = narrows ? await licensesBreakingTierEdit(tx, tierId, next, options.now) : [];
  return { tier, changes, next, scopeIds, blocking };
}
