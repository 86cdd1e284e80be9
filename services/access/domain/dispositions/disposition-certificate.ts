// The certificate of destruction: a compact JWS (EdDSA, the access service's signing keys, verifiable against
// GET /.well-known/jwks.json) naming the request, the district, each part with its acknowledgement, Tessera's
// own evidence and the audit events' ids; and the same claims as a PDF the district can file.
import { randomUUID } from "node:crypto";
import { decodeJwt, SignJWT } from "jose";
import { dispositionCertificateType, dispositionScopeLabels, type DispositionCertificateClaims, type DispositionCertificateResponse } from "../../../../contracts/disposition-api";
import { AppError } from "../../../common/http/app-error";
import { loadSigningKeys } from "../../keys/signing-keys";
import { recordEvent } from "../../outbox/record-event";
import { auditActor, tenantScope, type Actor } from "../actors/actor";
import type { AccessContext, RequestMeta, TransactionClient } from "../context";
import { renderPdf, type PdfSpec } from "../documents/pdf-document";
import { dispositionNotFound } from "./disposition-dto";

/** Where the console publishes the access service's JWKS without sign-in (app/api/jwks/route.ts, also at /api/jwks). */
export const publicJwksUrl = (publicUrl: string) => `${publicUrl.replace(/\/$/, "")}/.well-known/jwks.json`;

export async function signDispositionCertificate(ctx: AccessContext, tx: TransactionClient, id: string): Promise<{ certificate: string; kid: string; jti: string }> {
  const row = await tx.dispositionRequest.findUniqueOrThrow({ where: { id }, include: { parts: { orderBy: { componentKey: "asc" } } } });
  const tenant = await tx.tenant.findUniqueOrThrow({ where: { id: row.tenantId }, select: { id: true, name: true, slug: true, districtState: true, dataAgreement: true } });
  const key = (await loadSigningKeys(ctx.keysDir)).current;
  const jti = randomUUID();
  const claims: Omit<DispositionCertificateClaims, "iss" | "sub" | "jti" | "iat"> = {
    district: { id: tenant.id, name: tenant.name, slug: tenant.slug, state: tenant.districtState, agreement: tenant.dataAgreement },
    scope: row.scope as DispositionCertificateClaims["scope"],
    studentIds: row.studentIds,
    requestedBy: row.requestedBy,
    requestedAt: row.createdAt.toISOString(),
    completedAt: row.completedAt!.toISOString(),
    parts: row.parts.map((p) => ({ component: p.componentKey, name: p.componentName, acknowledgedAt: p.acknowledgedAt!.toISOString(), acknowledgedBy: p.acknowledgedBy!, statement: p.statement ?? "" })),
    tessera: row.tesseraEvidence as DispositionCertificateClaims["tessera"],
    auditEventIds: row.auditEventIds,
  };
  const certificate = await new SignJWT(claims)
    .setProtectedHeader({ alg: "EdDSA", kid: key.kid, typ: dispositionCertificateType })
    .setIssuer(ctx.settings.publicUrl)
    .setSubject(id)
    .setJti(jti)
    .setIssuedAt(Math.floor(row.completedAt!.getTime() / 1000))
    .sign(key.privateKey);
  return { certificate, kid: key.kid, jti };
}

async function certificateOf(ctx: AccessContext, actor: Actor, id: string) {
  const row = await ctx.prisma.dispositionRequest.findFirst({ where: { id, ...tenantScope(actor) }, select: { id: true, tenantId: true, certificate: true } });
  if (!row) throw dispositionNotFound();
  if (!row.certificate) throw new AppError("conflict", "The certificate is issued when every component has acknowledged and Tessera has destroyed its part.", { reason: "not-complete" });
  return { ...row, certificate: row.certificate };
}

/** Handing out the certificate is audited like every disclosure of a record. */
async function auditDownload(ctx: AccessContext, actor: Actor, row: { id: string; tenantId: string }, format: "jws" | "pdf", meta: RequestMeta) {
  await ctx.prisma.$transaction((tx) =>
    recordEvent(tx, { action: "disposition.certificate_download", outcome: "success", actor: auditActor(actor), target: { type: "disposition", id: row.id }, tenantId: row.tenantId, sourceIp: meta.sourceIp, requestId: meta.requestId, data: { format } }),
  );
}

export async function getDispositionCertificate(ctx: AccessContext, actor: Actor, id: string, meta: RequestMeta): Promise<DispositionCertificateResponse> {
  const row = await certificateOf(ctx, actor, id);
  await auditDownload(ctx, actor, row, "jws", meta);
  const kid = JSON.parse(Buffer.from(row.certificate.split(".")[0], "base64url").toString("utf8")).kid as string;
  return { certificate: row.certificate, kid, jwksUrl: publicJwksUrl(ctx.settings.publicUrl) };
}

export async function getDispositionCertificatePdf(ctx: AccessContext, actor: Actor, id: string, meta: RequestMeta): Promise<Buffer> {
  const row = await certificateOf(ctx, actor, id);
  await auditDownload(ctx, actor, row, "pdf", meta);
  const claims = decodeJwt(row.certificate) as unknown as DispositionCertificateClaims;
  const kid = JSON.parse(Buffer.from(row.certificate.split(".")[0], "base64url").toString("utf8")).kid as string;
  return renderPdf(certificatePdfSpec(claims, kid), new Date(claims.completedAt));
}

export function certificatePdfSpec(c: DispositionCertificateClaims, kid: string): PdfSpec {
  const evidence = c.tessera;
  return {
    title: "Certificate of destruction",
    subtitle: [
      `${c.district.name}${c.district.state ? ` (${c.district.state})` : ""} · request ${c.sub}`,
      `Completed ${c.completedAt} · issued by ${c.iss}`,
      "NDPA Exhibit D (directive for disposition of data); C.R.S. 22-16-110",
    ],
    sections: [
      {
        heading: "The request",
        blocks: [
          {
            facts: [
              ["District", `${c.district.name} (${c.district.slug})`],
              ["Agreement", c.district.agreement ?? "not recorded"],
              ["What was to be destroyed", dispositionScopeLabels[c.scope]],
              ...(c.studentIds.length ? ([["Students (pseudonymous ids)", c.studentIds.join(", ")]] as [string, string][]) : []),
              ["Filed by", `${c.requestedBy} on ${c.requestedAt}`],
            ],
          },
        ],
      },
      {
        heading: "Each component's acknowledgement",
        blocks: [{ table: { columns: ["Component", "Acknowledged", "By (certificate identity)", "What it deleted"], rows: c.parts.map((p) => [p.name, p.acknowledgedAt, p.acknowledgedBy, p.statement]), widths: [2, 2, 2, 4] } }],
      },
      {
        heading: "What Tessera destroyed",
        blocks: [
          { bullets: evidence.destroyed },
          ...(evidence.dataKey
            ? [{ facts: [["Data key", evidence.dataKey.keyId], ["Destroyed at", evidence.dataKey.destroyedAt], ["For", evidence.dataKey.destroyedBy], ["Records it protected", String(evidence.dataKey.protectedRecords)]] as [string, string][] }]
            : []),
        ],
      },
      { heading: "What Tessera keeps, and why", blocks: [{ bullets: evidence.kept }] },
      { heading: "Audit events", blocks: [{ paragraph: "Each step is an event of Tessera's hash-chained audit log, by id:" }, { bullets: c.auditEventIds }] },
      {
        heading: "How to verify",
        blocks: [
          {
            paragraph:
              `This document renders a signed certificate (a compact JWS, typ ${dispositionCertificateType}, signed with EdDSA key ${kid}, jti ${c.jti}). ` +
              `Download the JWS from the console and verify it against ${publicJwksUrl(c.iss)} (the access service's GET /.well-known/jwks.json) with any JOSE library, ` +
              "e.g. jose's jwtVerify(jws, createRemoteJWKSet(url)); its claims are the facts above.",
          },
        ],
      },
    ],
    footer: `Tessera · certificate of destruction ${c.sub}`,
  };
}
