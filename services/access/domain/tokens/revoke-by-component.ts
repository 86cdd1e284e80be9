// RFC 7009 revocation by an internal component: revokes the token only when it was issued to the calling
// OAuth client (§2.1: the server checks that the token was issued to the client asking; our clients
// authenticate by their certificate identity, RFC 8705), audited with the component as actor. Any other
// token — another client's, a person's, an unknown one — is left as it is, and the caller answers 200 all
// the same (§2.2): an error would tell a component which tokens exist elsewhere. The refused attempt is
// audited (revoke-refusal-audit.ts), so the tenant and the platform admins see it.
import { recordEvent } from "../../outbox/record-event";
import { serviceActor } from "../actors/actor";
import type { AccessContext, RequestMeta } from "../context";
import type { RevokeRefusal, RevokeRefusalAudit } from "./revoke-refusal-audit";
import { digestToken, isWellFormedToken } from "./token-format";

export async function revokeByComponent(ctx: AccessContext, refusals: RevokeRefusalAudit, caller: string, token: string, meta: RequestMeta): Promise<void> {
  const refused = await revokeIfIssuedToCaller(ctx, caller, token, meta);
  if (refused) await refusals.record(ctx, refused, meta);
}

/** Revokes the caller's own token; returns the refusal when the token is not the caller's (null: its own, revoked or already revoked). */
async function revokeIfIssuedToCaller(ctx: AccessContext, caller: string, token: string, meta: RequestMeta): Promise<RevokeRefusal | null> {
  if (!isWellFormedToken(token)) return { caller, token: null };
  const digest = digestToken(ctx.keys.secretDigest, token);
  let revoked = false;
  const refusal = await ctx.prisma.$transaction(async (tx): Promise<RevokeRefusal | null> => {
    const found = await tx.token.findUnique({
      where: { digest },
      select: { id: true, tenantId: true, licenseId: true, revokedAt: true, client: { select: { id: true, certIdentity: true } } },
    });
    if (!found) return { caller, token: null };
    if (found.client?.certIdentity !== caller) return { caller, token: { id: found.id, tenantId: found.tenantId, licenseId: found.licenseId } };
    if (found.revokedAt) return null; // the caller's own, already revoked: RFC 7009 revocation is idempotent
    const { count } = await tx.token.updateMany({ where: { id: found.id, revokedAt: null }, data: { revokedAt: new Date(), revokeReason: "oauth-revoke" } });
    if (count === 0) return null;
    revoked = true;
    await recordEvent(tx, {
      action: "token.revoke",
      outcome: "success",
      actor: serviceActor(caller),
      target: { type: "token", id: found.id },
      tenantId: found.tenantId,
      sourceIp: meta.sourceIp,
      requestId: meta.requestId,
      data: { licenseId: found.licenseId, via: "oauth-revoke", clientId: found.client.id },
    });
    return null;
  });
  if (revoked) ctx.metrics.revoked("oauth-revoke", 1); // once committed
  return refusal;
}
