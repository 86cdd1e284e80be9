// Revokes an OAuth client and, in the same transaction, every live token it obtained: the token UPDATE's
// trigger notifies every process's cache, so its tokens stop working everywhere at once.
import type { RevokeOAuthClientResponse } from "../../../../contracts/oauth-api";
import { AppError } from "../../../common/http/app-error";
import { recordEvent } from "../../outbox/record-event";
import { auditActor, tenantScope, type Actor } from "../actors/actor";
import type { AccessContext, RequestMeta } from "../context";
import { oauthClientSelect, toOAuthClientDto } from "./oauth-client-dto";

export async function revokeOAuthClient(ctx: AccessContext, actor: Actor, id: string, meta: RequestMeta): Promise<RevokeOAuthClientResponse> {
  const result = await ctx.prisma.$transaction(async (tx) => {
    const found = await tx.oAuthClient.findFirst({ where: { id, ...tenantScope(actor) }, select: { id: true } });
    if (!found) throw new AppError("not-found", "No such OAuth client.");
    const now = new Date();
    const { count } = await tx.oAuthClient.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: now } });
    if (count === 0) throw new AppError("conflict", "The OAuth client is already revoked.", { reason: "already-revoked" });
    const tokens = await tx.token.updateMany({ where: { clientId: id, revokedAt: null }, data: { revokedAt: now, revokedById: actor.userId, revokeReason: "client-revoked" } });
    const row = await tx.oAuthClient.findUniqueOrThrow({ where: { id }, select: oauthClientSelect });
    await recordEvent(tx, {
      action: "oauth_client.revoke",
      outcome: "success",
      actor: auditActor(actor),
      target: { type: "oauth_client", id },
      tenantId: row.tenantId,
      sourceIp: meta.sourceIp,
      requestId: meta.requestId,
      data: { licenseId: row.licenseId, revokedTokens: tokens.count },
    });
    return { client: toOAuthClientDto(row), revokedTokens: tokens.count };
  });
  ctx.metrics.revoked("client-revoked", result.revokedTokens);
  return result;
}
