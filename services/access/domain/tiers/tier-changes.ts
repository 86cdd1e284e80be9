// Pure comparison of a tier with an edit to it: which scopes come and go, which quotas move, and the
// tier as it would be. Used both to preview an edit and to save it, so the two always agree.
import { quotaFields, type QuotaField, type TierChanges, type UpdateTierInput } from "../../../../contracts/catalogue-api";

export type TierState = { name: string; description: string; scopes: string[] } & Record<QuotaField, number>;

export function applyTierUpdate(current: TierState, update: UpdateTierInput): TierState {
  const next: TierState = { ...current, scopes: [...current.scopes] };
  if (update.name !== undefined) next.name = update.name;
  if (update.description !== undefined) next.description = update.description;
  for (const field of quotaFields) {
    const value = update[field];
    if (value !== undefined) next[field] = value;
  }
  if (update.scopes !== undefined) next.scopes = [...new Set(update.scopes)].sort();
  return next;
}

export function diffTier(current: TierState, next: TierState): TierChanges {
  const before = new Set(current.scopes);
  const after = new Set(next.scopes);
  return {
    scopesAdded: next.scopes.filter((key) => !before.has(key)).sort(),
    scopesRemoved: current.scopes.filter((key) => !after.has(key)).sort(),
    quotaChanges: quotaFields.filter((field) => current[field] !== next[field]).map((field) => ({ field, from: current[field], to: next[field] })),
    fieldsChanged: (["name", "description"] as const).filter((field) => current[field] !== next[field]),
  };
}

export function hasChanges(changes: TierChanges): boolean {
  return changes.scopesAdded.length + changes.scopesRemoved.length + changes.quotaChanges.length + changes.fieldsChanged.length > 0;
}
