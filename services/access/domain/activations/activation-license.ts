// The license a component names when it activates, heartbeats or releases a seat: by its key or by a
// token of it. A license of a component the caller does not serve, an unknown key, a malformed, revoked
// or expired token all answer the same 404 "unknown-key", so a component learns nothing of licenses it
// does not serve; the first is thrown as LicenseNotServed, so the refusal's audit can say which license
// was shown in the wrong place (as validation records not-served). The license's own state, and a token's
// state as introspection decides it, are checked by the caller (seat-license-state.ts: activate and
// heartbeat refuse a license that does not take seats now; release works on any).
import { AppError } from "../../../common/http/app-error";
import type { AccessContext, TransactionClient } from "../context";
import { digestLicenseKey } from "../licenses/license-key";
import { licenseScopeKeys, tierScopeKeys, tierScopesInclude } from "../tiers/tier-scope-keys";
import { digestToken, isWellFormedToken } from "../tokens/token-format";
import { tokenStatus, type TokenFacts } from "../tokens/token-state";

export type ActivationLicense = {
  id: string;
  tenantId: string;
  status: "active" | "suspended" | "expired" | "revoked";
  startsAt: Date;
  endsAt: Date;
  seats: number;
  heartbeatWindowMinutes: number;
  /** The scopes the license carries now (its tier's, of its component). */
  scopes: string[];
  /** The token it was named by, if it was. */
  token: TokenFacts | null;
};

const unknownKeyDetail = "No license is known for this key or token.";
export const unknownLicense = (internal?: string) => new AppError("not-found", unknownKeyDetail, { reason: "unknown-key", ...(internal ? { internal } : {}) });

/** A license that exists but that the caller does not serve: answered as unknown-key, audited as not-served. */
export class LicenseNotServed extends AppError {
  constructor(readonly license: { id: string; tenantId: string }, caller: string) {
    super("not-found", unknownKeyDetail, { reason: "unknown-key", internal: `license ${license.id} is not served by ${caller}` });
  }
}

type Db = AccessContext["prisma"] | TransactionClient;

/** Finds the license (inside the caller's transaction when it locks it next); throws 404 unknown-key. */
export async function findActivationLicense(ctx: AccessContext, tx: Db, caller: string, credential: { key?: string; token?: string }): Promise<ActivationLicense> {
  const named = credential.key !== undefined ? await licenseIdByKey(ctx, tx, credential.key) : await licenseIdByToken(ctx, tx, credential.token ?? "");
  if (!named) throw unknownLicense();
  const license = await tx.license.findUnique({
    where: { id: named.licenseId },
    select: {
      id: true, tenantId: true, status: true, startsAt: true, endsAt: true, seats: true,
      component: { select: { key: true, resourceServers: { where: { identity: caller }, select: { identity: true } } } },
      tier: { select: { heartbeatWindowMinutes: true, ...tierScopesInclude } },
    },
  });
  if (!license) throw unknownLicense();
  if (license.component.resourceServers.length === 0) throw new LicenseNotServed(license, caller);
  const { component, tier, ...rest } = license;
  return { ...rest, heartbeatWindowMinutes: tier.heartbeatWindowMinutes, scopes: licenseScopeKeys(tierScopeKeys(tier), component.key), token: named.token };
}

async function licenseIdByKey(ctx: AccessContext, tx: Db, key: string) {
  const found = await tx.license.findUnique({ where: { keyDigest: digestLicenseKey(ctx.keys.secretDigest, key) }, select: { id: true } });
  return found ? { licenseId: found.id, token: null } : null;
}

/** A token names its license only while it is itself live (neither revoked nor expired); its scopes are judged by the caller. */
async function licenseIdByToken(ctx: AccessContext, tx: Db, token: string) {
  if (!isWellFormedToken(token)) return null;
  const found = await tx.token.findUnique({ where: { digest: digestToken(ctx.keys.secretDigest, token) }, select: { licenseId: true, revokedAt: true, expiresAt: true, scopes: true } });
  if (!found || tokenStatus(found, ctx.now()) !== "active") return null;
  const { licenseId, ...facts } = found;
  return { licenseId, token: facts };
}
