// Revocation by a person: one token, or every live token of a license. Each change is one UPDATE whose
// trigger notifies every process's cache (migration 0005), audited in the same transaction.
import { stepUpAuditData } from "../mfa/step-up";
import type { GetTokenResponse, PersonRevokeReason } from "../../../../contracts/token-api";
import { AppError } from "../../../common/http/app-error";
import { recordEvent } from "../../outbox/record-event";
import { auditActor, tenantScope, type Actor } from "../actors/actor";
import type { AccessContext, RequestMeta } from "../context";
import { loadTokenDto, tokenNotFound } from "./get-token";
import { loadTokenLicense } from "./token-license";

/** Revokes one token; `reason` is kept on the token and in the event ("leaked" when the person says it leaked). */
export async function revokeToken(ctx: AccessContext, actor: Actor, id: string, meta: RequestMeta, reason: PersonRevokeReason = "revoked"): Promise<GetTokenResponse> {
  const revoked = await ctx.prisma.$transaction(async (tx) => {
    const token = await tx.token.findFirst({ where: { id, ...tenantScope(actor) }, select: { id: true, tenantId: true, licenseId: true, revokedAt: true } });
    if (!token) throw tokenNotFound();
    const now = new Date();
    const { count } = await tx.token.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: now, revokedById: actor.userId, revokeReason: reason } });
    if (count === 0) throw new AppError("conflict", "The token is already revoked.", { reason: "already-revoked" });
    await recordEvent(tx, {
      action: "token.revoke",
      outcome: "success",
      actor: auditActor(actor),
      target: { type: "token", id },
      tenantId: token.tenantId,
      sourceIp: meta.sourceIp,
      requestId: meta.requestId,
      data: { licenseId: token.licenseId, reason },
    });
    return { token: await loadTokenDto(tx, actor, id) };
  });
  ctx.metrics.revoked(reason, 1); // once committed
  return revoked;
}

export async function revokeAllTokens(ctx: AccessContext, actor: Actor, licenseId: string, meta: RequestMeta): Promise<{ revoked: number }> {
  const result = await ctx.prisma.$transaction(async (tx) => {
    const license = await loadTokenLicense(tx, actor, licenseId);
    const now = new Date();
    const { count } = await tx.token.updateMany({
      where: { licenseId: license.id, tenantId: license.tenantId, revokedAt: null, expiresAt: { gt: now } },
      data: { revokedAt: now, revokedById: actor.userId, revokeReason: "revoke-all" },
    });
    await recordEvent(tx, {
      action: "token.revoke_all",
      outcome: "success",
      actor: auditActor(actor),
      target: { type: "license", id: license.id },
      tenantId: license.tenantId,
      sourceIp: meta.sourceIp,
      requestId: meta.requestId,
      data: { revoked: count, ...stepUpAuditData(meta) },
    });
    return { revoked: count };
  });
  ctx.metrics.revoked("revoke-all", result.revoked);
  return result;
}
