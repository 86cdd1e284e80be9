// The license a component names when it activates, heartbeats or releases a seat: by its key or by a
// live token of it. A license of a component the caller does not serve, an unknown key, a malformed,
// revoked or expired token all answer the same 404 "unknown-key", so a component learns nothing of
// licenses it does not serve. The license's own state is checked by the caller (activate refuses a
// license that does not validate now; release works on any).
import { AppError } from "../../../common/http/app-error";
import type { AccessContext, TransactionClient } from "../context";
import { digestLicenseKey } from "../licenses/license-key";
import { digestToken, isWellFormedToken } from "../tokens/token-format";

export type ActivationLicense = {
  id: string;
  tenantId: string;
  status: "active" | "suspended" | "expired" | "revoked";
  startsAt: Date;
  endsAt: Date;
  seats: number;
  heartbeatWindowMinutes: number;
};

export const unknownLicense = () => new AppError("not-found", "No license is known for this key or token.", { reason: "unknown-key" });

/** Finds the license (inside the caller's transaction, so it can lock it next); throws 404 unknown-key. */
export async function findActivationLicense(ctx: AccessContext, tx: TransactionClient, caller: string, credential: { key?: string; token?: string }): Promise<ActivationLicense> {
  const licenseId = credential.key !== undefined ? await licenseIdByKey(ctx, tx, credential.key) : await licenseIdByToken(ctx, tx, credential.token ?? "");
  if (!licenseId) throw unknownLicense();
  const license = await tx.license.findFirst({
    where: { id: licenseId, component: { resourceServers: { some: { identity: caller } } } },
    select: { id: true, tenantId: true, status: true, startsAt: true, endsAt: true, seats: true, tier: { select: { heartbeatWindowMinutes: true } } },
  });
  if (!license) throw new AppError("not-found", "No license is known for this key or token.", { reason: "unknown-key", internal: `license ${licenseId} is not served by ${caller}` });
  return { ...license, heartbeatWindowMinutes: license.tier.heartbeatWindowMinutes };
}

async function licenseIdByKey(ctx: AccessContext, tx: TransactionClient, key: string): Promise<string | null> {
  const found = await tx.license.findUnique({ where: { keyDigest: digestLicenseKey(ctx.keys.secretDigest, key) }, select: { id: true } });
  return found?.id ?? null;
}

/** A token names its license only while it is live (neither revoked nor expired). */
async function licenseIdByToken(ctx: AccessContext, tx: TransactionClient, token: string): Promise<string | null> {
  if (!isWellFormedToken(token)) return null;
  const found = await tx.token.findUnique({ where: { digest: digestToken(ctx.keys.secretDigest, token) }, select: { licenseId: true, revokedAt: true, expiresAt: true } });
  if (!found || found.revokedAt !== null || found.expiresAt <= ctx.now()) return null;
  return found.licenseId;
}
