// The rules of creation, applied to a tier as it would be after an edit or a license's change of tier:
// an active license (status active, term not over) must keep at least one scope of its component, no
// more seats than the tier allows (seats in use, for a change of tier, which lowers the license's seats
// to the tier's), and no token pool with more live tokens than the tier's cap. One home for the tier
// editor (plan-tier-update.ts → preview and save), license change-tier and its preview
// (tier-change-rules.ts), and reinstating a suspended license, one by one or with its tenant: a suspended
// license does not hold a tier edit back, so it is held to its tier as it is now when it comes back.
import type { BlockingLicense, TierBreach } from "../../../../contracts/catalogue-api";
import type { TransactionClient } from "../context";
import { liveActivationsOf } from "../activations/activation-state";
import { licenseScopeKeys, tierScopeKeys, tierScopesInclude } from "./tier-scope-keys";

export type TierLimits = { scopes: readonly string[]; seats: number; tokensPerLicense: number; heartbeatWindowMinutes: number };

/** The Prisma `select` of a tier that `tierLimitsOf` reads (with its name, for the sentences). */
export const tierLimitsSelect = { id: true, name: true, seats: true, tokensPerLicense: true, heartbeatWindowMinutes: true, ...tierScopesInclude } as const;
type StoredTier = { id: string; name: string; seats: number; tokensPerLicense: number; heartbeatWindowMinutes: number; scopes: readonly { scope: { key: string } }[] };
export type NamedTierLimits = TierLimits & { id: string; name: string };

/** A stored tier as the limits the rules read. */
export function tierLimitsOf(tier: StoredTier): NamedTierLimits {
  return { id: tier.id, name: tier.name, seats: tier.seats, tokensPerLicense: tier.tokensPerLicense, heartbeatWindowMinutes: tier.heartbeatWindowMinutes, scopes: tierScopeKeys(tier) };
}

type Candidate = { id: string; tenantId: string; seats: number; tenant: { name: string }; component: { key: string } };

const candidateSelect = { id: true, tenantId: true, seats: true, tenant: { select: { name: true } }, component: { select: { key: true } } } as const;

/** Active licenses on `tierId` that an edit to `next` would leave breaking the tier's rules; by tenant name, then id. */
export async function licensesBreakingTierEdit(tx: TransactionClient, tierId: string, next: TierLimits, now: Date): Promise<BlockingLicense[]> {
  const candidates = await tx.license.findMany({ where: { tierId, status: "active", endsAt: { gt: now } }, select: candidateSelect, orderBy: [{ tenant: { name: "asc" } }, { id: "asc" }] });
  return breaches(tx, candidates, next, now, "licensed");
}

/** Why moving one license onto a tier with `next` would break its rules ([] when it may move); only an active license is held to them. */
export async function breachesOfTierChange(tx: TransactionClient, licenseId: string, next: TierLimits, now: Date): Promise<BlockingLicense | null> {
  const candidates = await tx.license.findMany({ where: { id: licenseId, status: "active", endsAt: { gt: now } }, select: candidateSelect });
  return (await breaches(tx, candidates, next, now, "in-use"))[0] ?? null;
}

/**
 * The suspended licenses among `licenseIds` (term not over) that reinstating would leave breaking their own
 * tier's rules as the tier is now, each with that tier; held like a change of tier (seats in use, not licensed).
 */
export async function breachesOfReinstatement(tx: TransactionClient, licenseIds: readonly string[], now: Date): Promise<{ license: BlockingLicense; tier: NamedTierLimits }[]> {
  if (!licenseIds.length) return [];
  const rows = await tx.license.findMany({ where: { id: { in: [...licenseIds] }, status: "suspended", endsAt: { gt: now } }, select: { ...candidateSelect, tier: { select: tierLimitsSelect } }, orderBy: { id: "asc" } });
  const byTier = new Map<string, { tier: NamedTierLimits; candidates: Candidate[] }>();
  for (const row of rows) {
    const group = byTier.get(row.tier.id) ?? { tier: tierLimitsOf(row.tier), candidates: [] };
    group.candidates.push(row);
    byTier.set(row.tier.id, group);
  }
  const found: { license: BlockingLicense; tier: NamedTierLimits }[] = [];
  for (const { tier, candidates } of byTier.values()) for (const license of await breaches(tx, candidates, tier, now, "in-use")) found.push({ license, tier });
  return found.sort((a, b) => a.license.licenseId.localeCompare(b.license.licenseId));
}

async function breaches(tx: TransactionClient, candidates: Candidate[], next: TierLimits, now: Date, seatRule: "licensed" | "in-use"): Promise<BlockingLicense[]> {
  if (!candidates.length) return [];
  const ids = candidates.map((c) => c.id);
  const pools = await tx.token.groupBy({ by: ["licenseId", "clientId"], where: { licenseId: { in: ids }, revokedAt: null, expiresAt: { gt: now } }, _count: { _all: true } });
  const fullestPool = new Map<string, number>();
  for (const p of pools) fullestPool.set(p.licenseId, Math.max(fullestPool.get(p.licenseId) ?? 0, p._count._all));
  const seatsInUse = new Map<string, number>();
  if (seatRule === "in-use") {
    for (const id of ids) seatsInUse.set(id, await tx.activation.count({ where: liveActivationsOf(id, next.heartbeatWindowMinutes, now) }));
  }
  const found: BlockingLicense[] = [];
  for (const c of candidates) {
    const reasons: TierBreach[] = [];
    if (licenseScopeKeys(next.scopes, c.component.key).length === 0) reasons.push("no-scopes");
    const seats = seatRule === "licensed" ? c.seats : (seatsInUse.get(c.id) ?? 0);
    if (seats > next.seats) reasons.push("over-seats");
    const liveTokens = fullestPool.get(c.id) ?? 0;
    if (liveTokens > next.tokensPerLicense) reasons.push("over-tokens");
    if (reasons.length) found.push({ licenseId: c.id, tenantId: c.tenantId, tenantName: c.tenant.name, componentKey: c.component.key, reasons, seats, liveTokens });
  }
  return found;
}

const breachWords: Record<TierBreach, (l: BlockingLicense, next: TierLimits) => string> = {
  "no-scopes": () => "no scope left",
  "over-seats": (l, next) => `${l.seats} seats of the tier's ${next.seats}`,
  "over-tokens": (l, next) => `${l.liveTokens} live tokens of the tier's ${next.tokensPerLicense}`,
};

/** Each reason one license breaks the rules for, with its numbers: { reason: "over-seats", text: "25 seats of the tier's 10" }. */
export function breachTexts(license: BlockingLicense, next: TierLimits): { reason: TierBreach; text: string }[] {
  return license.reasons.map((reason) => ({ reason, text: breachWords[reason](license, next) }));
}

/** "Tenant acme's reports (lic_…): no scope left; 25 seats of the tier's 10" — the first few, then how many more. */
export function describeBreaches(blocking: readonly BlockingLicense[], next: TierLimits, shown = 3): string {
  const named = blocking.slice(0, shown).map((l) => `${l.tenantName}'s ${l.componentKey} (${l.licenseId}): ${breachTexts(l, next).map((b) => b.text).join("; ")}`);
  const more = blocking.length > shown ? `, and ${blocking.length - shown} more` : "";
  return `${named.join(", ")}${more}`;
}
