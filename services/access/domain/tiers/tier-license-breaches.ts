// The rules of creation, applied to a tier as it would be after an edit or a license's change of tier:
// an active license (status active, term not over) must keep at least one scope of its component, no
// more seats than the tier allows (seats in use, for a change of tier, which lowers the license's seats
// to the tier's), and no token pool with more live tokens than the tier's cap. One home for the tier
// editor (plan-tier-update.ts → preview and save) and license change-tier (change-license.ts).
import type { BlockingLicense, TierBreach } from "../../../../contracts/catalogue-api";
import type { TransactionClient } from "../context";
import { liveActivationsOf } from "../activations/activation-state";
import { licenseScopeKeys } from "./tier-scope-keys";

export type TierLimits = { scopes: readonly string[]; seats: number; tokensPerLicense: number; heartbeatWindowMinutes: number };

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

/** "Tenant acme's reports (lic_…): no scope left; 25 seats of the tier's 10" — the first few, then how many more. */
export function describeBreaches(blocking: readonly BlockingLicense[], next: TierLimits, shown = 3): string {
  const named = blocking.slice(0, shown).map((l) => `${l.tenantName}'s ${l.componentKey} (${l.licenseId}): ${l.reasons.map((r) => breachWords[r](l, next)).join("; ")}`);
  const more = blocking.length > shown ? `, and ${blocking.length - shown} more` : "";
  return `${named.join(", ")}${more}`;
}
