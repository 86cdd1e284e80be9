// Writes a new token inside the caller's transaction: a fresh secret, stored only as its keyed digest
// and display prefix. Checks the rules shared by create and rotate: the license must be active now and
// below its tier's live-token cap (the caller holds the license row lock, so concurrent issues queue).
import { AppError } from "../../../common/http/app-error";
import type { TransactionClient } from "../context";
import { newId } from "../secrets/ids";
import { digestToken, generateToken, tokenDisplayPrefix } from "./token-format";
import type { TokenLicense } from "./token-license";
import { tokenSelect } from "./token-dto";
import { licenseActiveNow } from "./token-state";

/** Who a token is issued to: a person (create, rotate) or an OAuth client, bound to its certificate (RFC 8705). */
export type TokenHolder = { createdById: string } | { clientId: string; certThumbprint: string };

export type IssueInput = { name: string; scopes: string[]; ttlSeconds: number; holder: TokenHolder; rotatedFromId?: string };

export function assertLicenseActive(license: TokenLicense, now: Date): void {
  if (!licenseActiveNow(license, now)) throw new AppError("conflict", "The license is not active, so it cannot have new tokens.", { reason: "license-not-active" });
}

export async function issueToken(tx: TransactionClient, digestKey: Buffer, license: TokenLicense, input: IssueInput, now: Date) {
  assertLicenseActive(license, now);
  const live = await tx.token.count({ where: { licenseId: license.id, revokedAt: null, expiresAt: { gt: now } } });
  if (live >= license.tier.tokensPerLicense) {
    throw new AppError("conflict", `The license's tier allows at most ${license.tier.tokensPerLicense} live tokens; revoke one first.`, { reason: "token-limit" });
  }
  const secret = generateToken();
  const row = await tx.token.create({
    data: {
      id: newId("tok"),
      licenseId: license.id,
      tenantId: license.tenantId,
      name: input.name,
      displayPrefix: tokenDisplayPrefix(secret),
      digest: digestToken(digestKey, secret),
      scopes: input.scopes,
      ...("createdById" in input.holder ? { createdById: input.holder.createdById } : { clientId: input.holder.clientId, certThumbprint: input.holder.certThumbprint }),
      createdAt: now,
      expiresAt: new Date(now.getTime() + input.ttlSeconds * 1000),
      rotatedFromId: input.rotatedFromId ?? null,
    },
    select: tokenSelect,
  });
  return { row, secret };
}
