// Writes a new token inside the caller's transaction: a fresh secret, stored only as its keyed digest
// and display prefix. Checks the rules shared by create, rotate and the client-credentials grant: the
// license must be active now, and the holder below the tier's live-token cap (the caller holds the
// license row lock, so concurrent issues queue). The cap is counted per pool: the tokens people made
// share one, and each OAuth client has its own, so a client that asks for tokens too often exhausts
// only its own pool — never the people's, nor another component's. A token never outlives its license:
// its expiry is the asked lifetime or the license's end, whichever comes first (renewing the license
// later does not lengthen tokens already issued; rotating one does).
import { AppError } from "../../../common/http/app-error";
import type { TransactionClient } from "../context";
import { newId } from "../secrets/ids";
import { digestToken, generateToken, tokenDisplayPrefix } from "./token-format";
import type { TokenLicense } from "./token-license";
import { tokenSelect } from "./token-dto";
import { licenseActiveNow } from "./token-state";

/** Who a token is issued to: a person (create, rotate) or an OAuth client, bound to its certificate (RFC 8705). */
export type TokenHolder = { createdById: string } | { clientId: string; certThumbprint: string };

export type IssueInput = { name: string; scopes: string[]; ttlSeconds: number; holder: TokenHolder; rotatedFromId?: string; purpose: string | null };

export function assertLicenseActive(license: TokenLicense, now: Date): void {
  if (!licenseActiveNow(license, now)) {
    throw new AppError("conflict", "The license is not active, so it cannot have new tokens.", { reason: "license-not-active", internal: `license ${license.id} is ${license.status}, ends ${license.endsAt.toISOString()}` });
  }
}

/** When a token issued now for `ttlSeconds` expires: never after its license ends. */
export function tokenExpiry(license: Pick<TokenLicense, "endsAt">, now: Date, ttlSeconds: number): Date {
  return new Date(Math.min(now.getTime() + ttlSeconds * 1000, license.endsAt.getTime()));
}

/** The `where` of the live tokens in a holder's pool: people's tokens (clientId null), or one client's. */
export function livePoolOf(licenseId: string, holder: { clientId: string } | "people", now: Date) {
  return { licenseId, clientId: holder === "people" ? null : holder.clientId, revokedAt: null, expiresAt: { gt: now } };
}

export async function issueToken(tx: TransactionClient, digestKey: Buffer, license: TokenLicense, input: IssueInput, now: Date) {
  assertLicenseActive(license, now);
  const pool = "clientId" in input.holder ? { clientId: input.holder.clientId } : "people";
  const live = await tx.token.count({ where: livePoolOf(license.id, pool, now) });
  const cap = license.tier.tokensPerLicense;
  if (live >= cap) {
    const internal = `license ${license.id}: ${live} live tokens in the ${pool === "people" ? "people's pool" : `pool of client ${pool.clientId}`}, cap ${cap}`;
    throw pool === "people"
      ? new AppError("conflict", `The license's tier allows at most ${cap} live tokens made by people; revoke one first.`, { reason: "token-limit", internal })
      : new AppError("conflict", `This client already holds ${cap} live tokens, its tier's limit; reuse one until it expires.`, { reason: "token-limit", internal });
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
      expiresAt: tokenExpiry(license, now, input.ttlSeconds),
      lifetimeSeconds: input.ttlSeconds,
      rotatedFromId: input.rotatedFromId ?? null,
      purpose: input.purpose,
    },
    select: tokenSelect,
  });
  return { row, secret };
}
