// One license with its tenant, component, tier and current scopes, as far as the actor may see it.
import { AppError } from "../../../common/http/app-error";
import { tenantScope, type Actor } from "../actors/actor";
import type { AccessContext, TransactionClient } from "../context";
import type { AccessPrisma } from "../../db/prisma";
import { licenseDetailSelect, toLicenseDetail } from "./license-dto";
import { licenseScopeKeys, tierScopeKeys, tierScopesInclude } from "../tiers/tier-scope-keys";

export const licenseNotFound = () => new AppError("not-found", "No such license.");

/** Loads the license page for `actor`, its status as at `now`; another tenant's license is simply not found. */
export async function loadLicenseDetail(db: AccessPrisma | TransactionClient, actor: Actor, id: string, now: Date) {
  const license = await db.license.findFirst({ where: { id, ...tenantScope(actor) }, select: licenseDetailSelect });
  if (!license) throw licenseNotFound();
  // Derived from the tier now, never copied onto the license: a tier change narrows scopes at once.
  const tier = await db.serviceTier.findUniqueOrThrow({ where: { id: license.tierId }, include: tierScopesInclude });
  const scopes = licenseScopeKeys(tierScopeKeys(tier), license.component.key);
  return toLicenseDetail(license, scopes, now);
}

export async function getLicense(ctx: AccessContext, actor: Actor, id: string) {
  return { license: await loadLicenseDetail(ctx.prisma, actor, id, ctx.now()) };
}
