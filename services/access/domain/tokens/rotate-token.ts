// Rotation: a new token with the same name and scopes (those the license still carries) and the old
// token's lifetime (or the one the person chose, within the tier's maximum); the old one keeps working
// for the grace period the person chose, then expires.
import type { CreateTokenResponse } from "../../../../contracts/token-api";
import { AppError } from "../../../common/http/app-error";
import { recordEvent } from "../../outbox/record-event";
import { auditActor, tenantScope, type Actor } from "../actors/actor";
import type { AccessContext, RequestMeta } from "../context";
import { tokenNotFound } from "./get-token";
import { issueToken } from "./issue-token";
import { toTokenDtos } from "./token-dto";
import { loadTokenLicense, lockLicenseRow, type TokenLicense } from "./token-license";
import { keptLifetimeSeconds } from "./token-lifetime";
import { tokenStatus } from "./token-state";

export type RotateInput = { graceHours: number; expiresInHours?: number };

export async function rotateToken(ctx: AccessContext, actor: Actor, id: string, input: RotateInput, meta: RequestMeta): Promise<CreateTokenResponse> {
  const { graceHours } = input;
  return ctx.prisma.$transaction(async (tx) => {
    const found = await tx.token.findFirst({ where: { id, ...tenantScope(actor) }, select: { licenseId: true } });
    if (!found) throw tokenNotFound();
    await lockLicenseRow(tx, found.licenseId); // the old token's row is read after the lock: no double rotation
    const old = await tx.token.findFirst({ where: { id, ...tenantScope(actor) }, select: { id: true, name: true, scopes: true, createdAt: true, expiresAt: true, revokedAt: true, purpose: true, lifetimeSeconds: true } });
    if (!old) throw tokenNotFound();
    const now = ctx.now();
    if (tokenStatus(old, now) !== "active") throw new AppError("conflict", "Only an active token can be rotated.", { reason: "token-not-active" });
    const license = await loadTokenLicense(tx, actor, found.licenseId);
    const ttlSeconds = lifetimeOf(old, license, input.expiresInHours);
    const scopes = old.scopes.filter((s) => license.scopes.includes(s));
    if (!scopes.length) throw new AppError("conflict", "None of the token's scopes are still carried by the license.", { reason: "license-not-active" });
    // The old token ends at now + grace (never later than it would have anyway); it stops counting
    // against the cap only once ended, so a cap-full license rotates with grace 0 or revokes one first.
    const graceEnd = new Date(Math.min(old.expiresAt.getTime(), now.getTime() + graceHours * 3_600_000));
    await tx.token.update({ where: { id: old.id }, data: { expiresAt: graceEnd }, select: { id: true } });
    const { row, secret } = await issueToken(tx, ctx.keys.secretDigest, license, { name: old.name, scopes, ttlSeconds, holder: { createdById: actor.userId }, rotatedFromId: old.id, purpose: old.purpose }, now);
    await recordEvent(tx, {
      action: "token.rotate",
      outcome: "success",
      actor: auditActor(actor),
      target: { type: "token", id: old.id },
      tenantId: license.tenantId,
      sourceIp: meta.sourceIp,
      requestId: meta.requestId,
      data: { licenseId: license.id, newTokenId: row.id, displayPrefix: row.displayPrefix, graceHours, oldExpiresAt: graceEnd.toISOString(), lifetimeSeconds: ttlSeconds },
    });
    const [token] = await toTokenDtos(tx, [row], license, now);
    if (!token) throw new Error("rotated token vanished");
    return { token, secret };
  });
}

/** The asked lifetime (422 above the tier's maximum, as at creation), else the old token's. */
function lifetimeOf(old: Parameters<typeof keptLifetimeSeconds>[0], license: TokenLicense, askedHours: number | undefined): number {
  if (askedHours === undefined) return keptLifetimeSeconds(old, license.tier);
  if (askedHours > license.tier.tokenMaxTtlHours) {
    throw new AppError("validation-failed", "The token cannot be rotated as asked.", { fieldErrors: { expiresInHours: [`At most ${license.tier.tokenMaxTtlHours} hours on this license's tier.`] } });
  }
  return askedHours * 3600;
}
