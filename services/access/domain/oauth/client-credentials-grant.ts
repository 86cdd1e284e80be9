// RFC 6749 §4.4 client credentials with RFC 8705 tls_client_auth: the connection's certificate identity
// must be the client's registered one; the token is issued through the token core (issueToken) and bound
// to that certificate's thumbprint. Refusals are OAuthErrors. A license that is not active answers
// invalid_grant (the client is genuine; what it holds grants nothing now). `expires_in` is what the token
// really gets: the client's lifetime, or less when the license ends sooner. Over the license's
// request-rate quota the answer is 429 temporarily_unavailable with Retry-After. Each answer is counted by
// outcome (issued, or the OAuth error code) for /metrics.
import type { TokenResponse } from "../../../../contracts/oauth-api";
import { AppError } from "../../../common/http/app-error";
import { recordEvent } from "../../outbox/record-event";
import { serviceActor } from "../actors/actor";
import type { AccessPrisma } from "../../db/prisma";
import type { AccessContext, RequestMeta, TransactionClient } from "../context";
import { assertLicenseActive, issueToken } from "../tokens/issue-token";
import { loadTokenLicenseOf, lockLicenseRow } from "../tokens/token-license";
import { OAuthError } from "./oauth-error";
import type { QuotaDecision } from "../quotas/rate-limit-fields";
import { rateLimitedOAuthError } from "../quotas/rate-limited-error";

export type ClientCredentialsInput = {
  grantType: string;
  clientId: string | undefined;
  scope: string | undefined;
  /** The verified certificate of the connection: its identity (CN) and RFC 8705 thumbprint. */
  certIdentity: string;
  certThumbprint: string;
};

const badClient = () => new OAuthError("invalid_client", "Client authentication failed.");

function grantedScopes(requested: string | undefined, allowed: string[]): string[] {
  if (requested === undefined || requested.trim() === "") {
    if (!allowed.length) throw new OAuthError("invalid_scope", "The client may not be given any of its scopes on this license now.");
    return allowed;
  }
  const asked = [...new Set(requested.trim().split(/ +/))].sort();
  const beyond = asked.filter((s) => !allowed.includes(s));
  if (beyond.length) throw new OAuthError("invalid_scope", `Not granted to this client: ${beyond.slice(0, 5).join(" ").slice(0, 300)}.`);
  return asked;
}

/** The token, and the quota's decision that admitted it (null when quotas are off). Every refusal is thrown as an OAuthError. */
export type Grant = { answer: TokenResponse; quota: QuotaDecision | null };

export async function clientCredentialsGrant(ctx: AccessContext, input: ClientCredentialsInput, meta: RequestMeta): Promise<Grant> {
  // Every grant and refusal is told to the anomaly detector (a push into its bounded queue, never awaited).
  const tell = (outcome: string, tenantId: string | null) =>
    ctx.detector?.push({ type: "grant", at: ctx.now().getTime(), tenantId, caller: input.certIdentity, address: meta.sourceIp, clientId: input.clientId ?? null, licenseId: null, outcome });
  try {
    const grant = await grantOrRefuse(ctx, input, meta);
    ctx.metrics.granted({ issued: true });
    tell("issued", null);
    return grant;
  } catch (error) {
    if (error instanceof OAuthError) {
      ctx.metrics.granted({ issued: false, reason: error.code });
      tell(error.code, null);
    }
    throw error;
  }
}

async function grantOrRefuse(ctx: AccessContext, input: ClientCredentialsInput, meta: RequestMeta): Promise<Grant> {
  if (input.grantType !== "client_credentials") throw new OAuthError("unsupported_grant_type", "Only the client_credentials grant is supported.");
  if (!input.clientId) throw new OAuthError("invalid_request", "client_id is required (tls_client_auth).");
  const clientId = input.clientId;
  // A grant that would be issued counts against the license's request-rate quota; over it, nothing is issued.
  // Decided before the transaction: a lease may wait on the store, and must not hold the license row's lock
  // and a pool connection meanwhile (under load, every connection could be waiting for another).
  const { license: asked } = await grantable(ctx.prisma, clientId, input);
  const quota = (await ctx.quotas?.check("grants", { licenseId: asked.id, tenantId: asked.tenantId, requestsPerMinute: asked.requestsPerMinute })) ?? null;
  if (quota && !quota.admitted) {
    throw rateLimitedOAuthError(quota);
  }
  return ctx.prisma.$transaction(async (tx) => {
    // Checked again under the license row's lock: the client or license may have changed since.
    const { client, license, scopes, now } = await grantable(tx, clientId, input, (licenseId) => lockLicenseRow(tx, licenseId));
    let issued;
    try {
      issued = await issueToken(tx, ctx.keys.secretDigest, license, { name: `OAuth: ${client.name}`.slice(0, 100), scopes, ttlSeconds: client.tokenTtlSeconds, holder: { clientId: client.id, certThumbprint: input.certThumbprint }, purpose: client.purpose }, now);
    } catch (error) {
      if (error instanceof AppError) throw new OAuthError("invalid_grant", error.message);
      throw error;
    }
    const { row, secret } = issued;
    await recordEvent(tx, {
      action: "token.create",
      outcome: "success",
      actor: serviceActor(client.certIdentity),
      target: { type: "token", id: row.id },
      tenantId: license.tenantId,
      sourceIp: meta.sourceIp,
      requestId: meta.requestId,
      data: { licenseId: license.id, clientId: client.id, via: "client_credentials", displayPrefix: row.displayPrefix, scopes, expiresAt: row.expiresAt.toISOString() },
    });
    // The client's lifetime, or less when the license ends sooner (issueToken caps the expiry there).
    const expiresIn = Math.floor((row.expiresAt.getTime() - now.getTime()) / 1000);
    return { answer: { access_token: secret, token_type: "Bearer", expires_in: expiresIn, scope: scopes.join(" ") }, quota };
  });
}

/** The client, its license and the scopes the grant would carry, or the OAuth refusal; `lock` runs before the license is read. */
async function grantable(db: AccessPrisma | TransactionClient, clientId: string, input: ClientCredentialsInput, lock?: (licenseId: string) => Promise<void>) {
  const client = await db.oAuthClient.findUnique({ where: { id: clientId } });
  // One answer for unknown, revoked and wrong-certificate clients: nothing to probe.
  if (!client || client.revokedAt || client.certIdentity !== input.certIdentity) throw badClient();
  await lock?.(client.licenseId);
  const license = await loadTokenLicenseOf(db, client);
  const now = new Date();
  try {
    assertLicenseActive(license, now);
  } catch {
    throw new OAuthError("invalid_grant", "The client's license is not active.");
  }
  const scopes = grantedScopes(input.scope, client.scopes.filter((s) => license.scopes.includes(s)));
  return { client, license, scopes, now };
}
