// Rotation: a new token with the same name and scopes (those the license still carries) and the tier's
// default lifetime; the old one keeps working for the grace period the person chose, then expires.
import type { CreateTokenResponse } from "../../../../contracts/token-api";
import { AppError } from "../../../common/http/app-error";
import { recordEvent } from "../../outbox/record-event";
import { auditActor, tenantScope, type Actor } from "../actors/actor";
import type { AccessContext, RequestMeta } from "../context";
import { tokenNotFound } from "./get-token";
import { issueToken } from "./issue-token";
import { toTokenDtos } from "./token-dto";
import { loadTokenLicense, lockLicenseRow } from "./token-license";
import { tokenStatus } from "./token-state";

export async function rotateToken(ctx: AccessContext, actor: Actor, id: string, graceHours: number, meta: RequestMeta): Promise<CreateTokenResponse> {
  return ctx.prisma.$transaction(async (tx) => {
    const found = await tx.token.findFirst({ where: { id, ...tenantScope(actor) }, select: { licenseId: true } });
    if (!found) throw tokenNotFound();
    await lockLicenseRow(tx, found.licenseId); // the old token's row is read after the lock: no double rotation
    const old = await tx.token.findFirst({ where: { id, ...tenantScope(actor) }, select: { id: true, name: true, scopes: true, expiresAt: true, revokedAt: true, purpose: true } });
    if (!old) throw tokenNotFound();
    const now = new Date();
    if (tokenStatus(old, now) !== "active") throw new AppError("conflict", "Only an active token can be rotated.", { reason: "token-not-active" });
    const license = await loadTokenLicense(tx, actor, found.licenseId);
    const scopes = old.scopes.filter((s) => license.scopes.includes(s));
    if (!scopes.length) throw new AppError("conflict", "None of the token's scopes are still carried by the license.", { reason: "license-not-active" });
    // The old token ends at now + grace (never later than it would have anyway); it stops counting
    // against the cap only once ended, so a cap-full license rotates with grace 0 or revokes one first.
    const graceEnd = new Date(Math.min(old.expiresAt.getTime(), now.getTime() + graceHours * 3_600_000));
    await tx.token.update({ where: { id: old.id }, data: { expiresAt: graceEnd }, select: { id: true } });
    const ttlHours = Math.min(license.tier.tokenDefaultTtlHours, license.tier.tokenMaxTtlHours);
    const { row, secret } = await issueToken(tx, ctx.keys.secretDigest, license, { name: old.name, scopes, ttlSeconds: ttlHours * 3600, holder: { createdById: actor.userId }, rotatedFromId: old.id, purpose: old.purpose }, now);
    await recordEvent(tx, {
      action: "token.rotate",
      outcome: "success",
      actor: auditActor(actor),
      target: { type: "token", id: old.id },
      tenantId: license.tenantId,
      sourceIp: meta.sourceIp,
      requestId: meta.requestId,
      data: { licenseId: license.id, newTokenId: row.id, displayPrefix: row.displayPrefix, graceHours, oldExpiresAt: graceEnd.toISOString() },
    });
    const [token] = await toTokenDtos(tx, [row], license, now);
    if (!token) throw new Error("rotated token vanished");
    return { token, secret };
  });
}
