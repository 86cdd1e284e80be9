// Issues an offline certificate for a license the actor may read: a compact JWS carrying tenant,
// application, tier, scopes, seats and term, signed with the current license-signing key, audited. Bound
// to a fingerprint (Keygen's machine files), it is issued only for a seat that fingerprint holds now and
// lives no longer than that seat would without a heartbeat (last seen + the tier's heartbeat window): a
// seat released or left idle takes its certificate with it, so activate → download → release cannot mint
// machines that run offline for months. Renewing it needs a heartbeat, then a fresh certificate.
import { randomUUID } from "node:crypto";
import type { CertificateRefusalReason, LicenseCertificateClaims, LicenseCertificateResponse } from "../../../../contracts/certificate-api";
import { AppError } from "../../../common/http/app-error";
import { loadSigningKeys, maxCertificateLifetimeSeconds } from "../../keys/signing-keys";
import { recordEvent } from "../../outbox/record-event";
import { auditActor, tenantScope, type Actor } from "../actors/actor";
import type { AccessContext, RequestMeta } from "../context";
import { activationExpiresAt, liveActivationsOf } from "../activations/activation-state";
import { licenseScopeKeys, tierScopeKeys, tierScopesInclude } from "../tiers/tier-scope-keys";
import { signLicenseCertificate } from "./sign-license-certificate";

export async function issueLicenseCertificate(ctx: AccessContext, actor: Actor, licenseId: string, meta: RequestMeta, fingerprint?: string): Promise<LicenseCertificateResponse> {
  const license = await ctx.prisma.license.findFirst({
    where: { id: licenseId, ...tenantScope(actor) },
    select: {
      id: true, status: true, seats: true, startsAt: true, endsAt: true,
      tenant: { select: { id: true, slug: true, name: true, kind: true } },
      component: { select: { key: true } },
      tier: { select: { key: true, name: true, heartbeatWindowMinutes: true, ...tierScopesInclude } },
    },
  });
  if (!license) throw new AppError("not-found", "No such license.");

  const now = ctx.now();
  const nowSeconds = Math.floor(now.getTime() / 1000);
  const nbf = Math.floor(license.startsAt.getTime() / 1000);
  // Offline, a certificate cannot be revoked: its short life bounds how long a later suspension or revocation goes unseen.
  const termExp = Math.min(Math.floor(license.endsAt.getTime() / 1000), nowSeconds + maxCertificateLifetimeSeconds);
  const refusal = refusalReason(license.status, license.endsAt, now, nbf, termExp);
  if (refusal) throw new AppError("conflict", refusalMessages[refusal], { reason: refusal });
  const exp = fingerprint === undefined ? termExp : Math.min(termExp, await seatExpirySeconds(ctx, license.id, license.tier.heartbeatWindowMinutes, fingerprint, now));

  const key = (await loadSigningKeys(ctx.keysDir)).current;
  const claims: LicenseCertificateClaims = {
    iss: ctx.settings.publicUrl,
    sub: license.id,
    jti: randomUUID(),
    iat: nowSeconds,
    nbf,
    exp,
    tenant: license.tenant,
    application: license.component.key,
    tier: { key: license.tier.key, name: license.tier.name },
    scopes: licenseScopeKeys(tierScopeKeys(license.tier), license.component.key),
    seats: license.seats,
    ...(fingerprint !== undefined ? { fingerprint } : {}),
  };
  const certificate = await signLicenseCertificate(key, claims);
  const expiresAt = new Date(exp * 1000).toISOString();

  // Handing out a certificate is a disclosure worth a trail; the event names the certificate, never carries it.
  await ctx.prisma.$transaction(async (tx) => {
    await recordEvent(tx, {
      action: "license.certificate_issue",
      outcome: "success",
      actor: auditActor(actor),
      target: { type: "license", id: license.id },
      tenantId: license.tenant.id,
      sourceIp: meta.sourceIp,
      requestId: meta.requestId,
      data: { kid: key.kid, jti: claims.jti, expiresAt, ...(fingerprint !== undefined ? { fingerprint } : {}) },
    });
  });
  return { certificate, kid: key.kid, expiresAt };
}

/** When the fingerprint's live seat frees itself without a heartbeat (seconds); 409 not-activated when it holds none. */
async function seatExpirySeconds(ctx: AccessContext, licenseId: string, window: number, fingerprint: string, now: Date): Promise<number> {
  const seat = await ctx.prisma.activation.findFirst({ where: { ...liveActivationsOf(licenseId, window, now), fingerprint }, select: { lastSeenAt: true } });
  if (!seat) throw new AppError("conflict", refusalMessages["not-activated"], { reason: "not-activated" });
  return Math.floor(activationExpiresAt(seat.lastSeenAt, window).getTime() / 1000);
}

const refusalMessages: Record<CertificateRefusalReason, string> = {
  "license-revoked": "This license is revoked; it gets no certificate.",
  "license-suspended": "This license is suspended; reinstate it to get a certificate.",
  "license-expired": "This license has expired; renew it to get a certificate.",
  "license-not-started": "This license starts too far in the future for a certificate; ask again closer to its start.",
  "not-activated": "This fingerprint holds no seat of the license now, so no certificate can be bound to it.",
};

function refusalReason(status: string, endsAt: Date, now: Date, nbf: number, exp: number): CertificateRefusalReason | null {
  if (status === "revoked") return "license-revoked";
  if (status === "suspended") return "license-suspended";
  if (status === "expired" || endsAt.getTime() <= now.getTime()) return "license-expired";
  if (exp <= nbf) return "license-not-started";
  return null;
}
