// RFC 7009 revocation by an internal component: revokes the token only when it was issued to the calling
// OAuth client (§2.1: the server checks that the token was issued to the client asking; our clients
// authenticate by their certificate identity, RFC 8705), audited with the component as actor. Any other
// token — another client's, a person's, an unknown or already revoked one — is left as it is, and the
// caller answers 200 all the same (§2.2): an error would tell a component which tokens exist elsewhere.
import { recordEvent } from "../../outbox/record-event";
import type { AccessContext, RequestMeta } from "../context";
import { digestToken, isWellFormedToken } from "./token-format";

export async function revokeByComponent(ctx: AccessContext, caller: string, token: string, meta: RequestMeta): Promise<void> {
  if (!isWellFormedToken(token)) return;
  const digest = digestToken(ctx.keys.secretDigest, token);
  await ctx.prisma.$transaction(async (tx) => {
    const found = await tx.token.findUnique({
      where: { digest },
      select: { id: true, tenantId: true, licenseId: true, revokedAt: true, client: { select: { id: true, certIdentity: true } } },
    });
    if (!found || found.revokedAt || found.client?.certIdentity !== caller) return;
    const { count } = await tx.token.updateMany({ where: { id: found.id, revokedAt: null }, data: { revokedAt: new Date(), revokeReason: "oauth-revoke" } });
    if (count === 0) return;
    await recordEvent(tx, {
      action: "token.revoke",
      outcome: "success",
      actor: { type: "service", id: caller, label: caller },
      target: { type: "token", id: found.id },
      tenantId: found.tenantId,
      sourceIp: meta.sourceIp,
      requestId: meta.requestId,
      data: { licenseId: found.licenseId, via: "oauth-revoke", clientId: found.client.id },
    });
  });
}
