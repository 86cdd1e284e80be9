// A license's scopes are derived from its tier when it is used, never copied onto the license, so an
// edit to a tier widens or narrows every license on it at once. These pure helpers are the one place
// that derivation is written; license validation and certificates use them too.

/** The Prisma `include` that loads what `tierScopeKeys` reads. */
export const tierScopesInclude = { scopes: { select: { scope: { select: { key: true } } } } } as const;

/** The scope keys a tier allows, sorted. */
export function tierScopeKeys(tier: { scopes: readonly { scope: { key: string } }[] }): string[] {
  return tier.scopes.map((s) => s.scope.key).sort();
}

/** The component a scope key belongs to: "reports:read" → "reports". */
export function scopeComponentKey(scopeKey: string): string {
  const colon = scopeKey.indexOf(":");
  return colon < 0 ? scopeKey : scopeKey.slice(0, colon);
}

/**
 * The scopes a license carries: those of its tier that belong to the license's component (a reporting
 * license on the enterprise tier carries reports:read and reports:write, not etl:run).
 */
export function licenseScopeKeys(tierScopes: readonly string[], componentKey: string): string[] {
  return tierScopes.filter((key) => scopeComponentKey(key) === componentKey).sort();
}
