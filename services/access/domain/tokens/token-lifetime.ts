// The lifetime a token was issued for (what rotation keeps): the stored one, or — for tokens issued
// before migration 0017 stored it — the time from creation to expiry, which the license's end may have cut.
export function issuedLifetimeSeconds(token: { lifetimeSeconds: number | null; createdAt: Date; expiresAt: Date }): number {
  return token.lifetimeSeconds ?? Math.max(1, Math.round((token.expiresAt.getTime() - token.createdAt.getTime()) / 1000));
}

/** The lifetime a rotation keeps: the old token's, cut to the tier's maximum if the tier has lowered it since. */
export function keptLifetimeSeconds(old: Parameters<typeof issuedLifetimeSeconds>[0], tier: { tokenMaxTtlHours: number }): number {
  return Math.min(issuedLifetimeSeconds(old), tier.tokenMaxTtlHours * 3600);
}
