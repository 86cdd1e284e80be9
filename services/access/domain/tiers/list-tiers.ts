// Service tiers with their scopes and how many licenses use each. Tiers are the vendor's public offering;
// the license counts are confined to the caller's tenant (platform administrators see all).
import type { GetTierResponse, ListTiersResponse } from "../../../../contracts/catalogue-api";
import { AppError } from "../../../common/http/app-error";
import { tenantScope, type Actor } from "../actors/actor";
import type { AccessContext } from "../context";
import { toTierDto } from "./tier-dto";
import { tierScopesInclude } from "./tier-scope-keys";

export async function listTiers(ctx: AccessContext, actor: Actor): Promise<ListTiersResponse> {
  const [tiers, counts] = await Promise.all([
    ctx.prisma.serviceTier.findMany({ include: tierScopesInclude, orderBy: [{ createdAt: "asc" }, { key: "asc" }] }),
    ctx.prisma.license.groupBy({ by: ["tierId"], where: tenantScope(actor), _count: { _all: true } }),
  ]);
  const countByTier = new Map(counts.map((c) => [c.tierId, c._count._all]));
  return { tiers: tiers.map((tier) => toTierDto(tier, countByTier.get(tier.id) ?? 0)) };
}

export async function getTier(ctx: AccessContext, actor: Actor, tierId: string): Promise<GetTierResponse> {
  const tier = await ctx.prisma.serviceTier.findUnique({ where: { id: tierId }, include: tierScopesInclude });
  if (!tier) throw new AppError("not-found", "No such service tier.");
  const licenseCount = await ctx.prisma.license.count({ where: { tierId, ...tenantScope(actor) } });
  return { tier: toTierDto(tier, licenseCount) };
}
