// RFC 7009 revocation by an internal component: revokes the token if it exists and is not yet revoked,
// audited with the component as actor. The caller answers 200 whatever happened (the RFC: unknown and
// already-revoked tokens are not errors, and the answer must not tell a holder which tokens exist).
import { recordEvent } from "../../outbox/record-event";
import type { AccessContext, RequestMeta } from "../context";
import { digestToken, isWellFormedToken } from "./token-format";

export async function revokeByComponent(ctx: AccessContext, caller: string, token: string, meta: RequestMeta): Promise<void> {
  if (!isWellFormedToken(token)) return;
  const digest = digestToken(ctx.keys.secretDigest, token);
  await ctx.prisma.$transaction(async (tx) => {
    const found = await tx.token.findUnique({ where: { digest }, select: { id: true, tenantId: true, licenseId: true, revokedAt: true } });
    if (!found || found.revokedAt) return;
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
      data: { licenseId: found.licenseId, via: "oauth-revoke" },
    });
  });
}
