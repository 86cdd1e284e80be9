// The license a token belongs to, as the token rules need it: its state, its tier's token limits and the
// scopes it carries now (derived from the tier, as everywhere). Scoped to the actor's tenant: 404 otherwise.
import { licenseNotFound } from "../licenses/get-license";
import { tenantScope, type Actor } from "../actors/actor";
import type { AccessPrisma } from "../../db/prisma";
import type { TransactionClient } from "../context";
import type { Prisma } from "../../generated/prisma/client";
import { licenseScopeKeys, tierScopeKeys, tierScopesInclude } from "../tiers/tier-scope-keys";
import type { LicenseFacts } from "./token-state";

export type TokenLicense = LicenseFacts & {
  id: string;
  tenantId: string;
  tier: { tokensPerLicense: number; tokenDefaultTtlHours: number; tokenMaxTtlHours: number };
  /** The license's request-rate quota: its own requests per minute, else its tier's. */
  requestsPerMinute: number;
  /** The tenant's kind: a district's credentials must declare their purpose (disclosures/declared-purpose.ts). */
  tenantKind: "company" | "district";
};

export async function loadTokenLicense(db: AccessPrisma | TransactionClient, actor: Actor, licenseId: string): Promise<TokenLicense> {
  return loadTokenLicenseWhere(db, { id: licenseId, ...tenantScope(actor) });
}

/** The same for a caller that is not a person (an OAuth client, whose row already names its license and tenant). */
export async function loadTokenLicenseOf(db: AccessPrisma | TransactionClient, owner: { licenseId: string; tenantId: string }): Promise<TokenLicense> {
  return loadTokenLicenseWhere(db, { id: owner.licenseId, tenantId: owner.tenantId });
}

const tokenLicenseSelect = {
  id: true,
  tenantId: true,
  status: true,
  startsAt: true,
  endsAt: true,
  requestsPerMinute: true,
  component: { select: { key: true } },
  tier: { include: tierScopesInclude },
  tenant: { select: { kind: true } },
} as const;

async function loadTokenLicenseWhere(db: AccessPrisma | TransactionClient, where: { id: string; tenantId?: string }): Promise<TokenLicense> {
  const license = await db.license.findFirst({ where, select: tokenLicenseSelect });
  if (!license) throw licenseNotFound();
  return toTokenLicense(license);
}

/** The licenses of many tokens at once (a table across licenses), by id. */
export async function loadTokenLicenses(db: AccessPrisma | TransactionClient, ids: readonly string[]): Promise<Map<string, TokenLicense>> {
  if (!ids.length) return new Map();
  const licenses = await db.license.findMany({ where: { id: { in: [...new Set(ids)] } }, select: tokenLicenseSelect });
  return new Map(licenses.map((l) => [l.id, toTokenLicense(l)]));
}

type SelectedLicense = Prisma.LicenseGetPayload<{ select: typeof tokenLicenseSelect }>;

function toTokenLicense(license: SelectedLicense): TokenLicense {
  const { tier } = license;
  return {
    id: license.id,
    tenantId: license.tenantId,
    status: license.status,
    startsAt: license.startsAt,
    endsAt: license.endsAt,
    scopes: licenseScopeKeys(tierScopeKeys(tier), license.component.key),
    tier: { tokensPerLicense: tier.tokensPerLicense, tokenDefaultTtlHours: tier.tokenDefaultTtlHours, tokenMaxTtlHours: tier.tokenMaxTtlHours },
    requestsPerMinute: license.requestsPerMinute ?? tier.requestsPerMinute,
    tenantKind: license.tenant.kind,
  };
}

/** Serialises token creation per license (the live-token cap), inside the caller's transaction. */
export async function lockLicenseRow(tx: TransactionClient, licenseId: string): Promise<void> {
  await tx.$queryRaw`SELECT "id" FROM "licenses" WHERE "id" = ${licenseId} FOR UPDATE`;
}
