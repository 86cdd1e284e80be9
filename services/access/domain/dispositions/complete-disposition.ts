// Tessera's own part of a disposition request and the certificate of destruction, run in the transaction
// that brings the last part in (or files a request no component is concerned by). What Tessera destroys
// and keeps is listed here once and copied into the evidence the certificate carries:
// - "all": the district's data key is destroyed (crypto-shredding: every license key it protected can never
//   be read again), after the district's older license keys under the storage keyring are moved under it so
//   none escapes; the district's live licenses are revoked (their tokens and OAuth clients stop with them).
// - "components" / "students": Tessera holds no student records of a component; nothing is destroyed.
// Kept in every case: the district's tenant record and accounts (its people sign in to read the certificate),
// license records without their keys (the contract's terms and dates), and the audit chain (hash-chained and
// anchored: deleting an event would break its verification; it is the record of disclosures 34 CFR 99.32
// requires and the evidence this certificate references; it holds pseudonymous ids, never student records).
import { randomUUID } from "node:crypto";
import type { TesseraEvidence } from "../../../../contracts/disposition-api";
import { destroyDataKey, liveDataKey, type DataKeyDestruction } from "../../keys/tenant-data-keys";
import { recordEvent } from "../../outbox/record-event";
import type { AccessContext, RequestMeta, TransactionClient } from "../context";
import { openLicenseKey, sealLicenseKeyUnder } from "../licenses/license-key";
import { signDispositionCertificate } from "./disposition-certificate";

const accessService = { type: "service" as const, id: "access", label: "Tessera access service" };

const keptAlways = [
  "The district's tenant record and its people's accounts, so that they can sign in and read this certificate.",
  "License records without their keys: component, tier, term and status, the contract's own record.",
  "The audit chain: hash-chained and anchored, so removing an event would break its verification; it is the record of disclosures (34 CFR 99.32) and the evidence this certificate references. It holds pseudonymous ids, never student records.",
  "This disposition request and its certificate.",
];

export async function completeDisposition(ctx: AccessContext, tx: TransactionClient, id: string, meta: RequestMeta): Promise<void> {
  const request = await tx.dispositionRequest.findUniqueOrThrow({ where: { id }, select: { id: true, tenantId: true, scope: true, requestedBy: true, auditEventIds: true } });
  const now = ctx.now();
  let dataKey: DataKeyDestruction | null = null;
  let licensesRevoked = 0;
  const destroyed: string[] = [];
  if (request.scope === "all") {
    dataKey = await shredTenant(ctx, tx, request.tenantId, request.requestedBy, id, now);
    if (dataKey) destroyed.push(`The district's data key ${dataKey.keyId}: the ${dataKey.protectedRecords} license key(s) it protected can no longer be read by anyone.`);
    licensesRevoked = await revokeLiveLicenses(tx, request.tenantId, id, now, meta);
    if (licensesRevoked) destroyed.push(`${licensesRevoked} live license(s) revoked, with their tokens and OAuth clients.`);
  } else {
    destroyed.push("Nothing: Tessera holds no student records of a component; the components' own acknowledgements cover their data.");
  }
  const evidence: TesseraEvidence = { destroyed, kept: keptAlways, dataKey, licensesRevoked };
  const destroyEvent = await recordEvent(tx, {
    action: "disposition.tessera_destroy",
    outcome: "success",
    actor: accessService,
    target: { type: "disposition", id },
    tenantId: request.tenantId,
    sourceIp: meta.sourceIp,
    requestId: meta.requestId,
    data: { dataKeyId: dataKey?.keyId ?? null, protectedRecords: dataKey?.protectedRecords ?? 0, licensesRevoked },
  });
  // The completing event's id is chosen first so that the certificate can name it too.
  const completeEventId = randomUUID();
  const auditEventIds = [...request.auditEventIds, destroyEvent.id, completeEventId];
  await tx.dispositionRequest.update({ where: { id }, data: { tesseraDoneAt: now, tesseraEvidence: evidence, completedAt: now, auditEventIds } });
  const { certificate, kid, jti } = await signDispositionCertificate(ctx, tx, id);
  await tx.dispositionRequest.update({ where: { id }, data: { certificate } });
  await recordEvent(tx, {
    id: completeEventId,
    action: "disposition.complete",
    outcome: "success",
    actor: accessService,
    target: { type: "disposition", id },
    tenantId: request.tenantId,
    sourceIp: meta.sourceIp,
    requestId: meta.requestId,
    data: { certificateKid: kid, certificateJti: jti },
  });
  await closeTenantIfClosing(tx, request.tenantId, id, now, meta);
}

/** A tenant whose closing request this was ends closed now (tenants/close-tenant.ts filed it). */
async function closeTenantIfClosing(tx: TransactionClient, tenantId: string, dispositionId: string, now: Date, meta: RequestMeta) {
  const closed = await tx.tenant.updateMany({ where: { id: tenantId, closingDispositionId: dispositionId, closedAt: null }, data: { closedAt: now, suspendedAt: null } });
  if (!closed.count) return;
  await recordEvent(tx, {
    action: "tenant.closed",
    outcome: "success",
    actor: accessService,
    target: { type: "tenant", id: tenantId },
    tenantId,
    sourceIp: meta.sourceIp,
    requestId: meta.requestId,
    data: { dispositionId },
  });
}

/** Moves the tenant's license keys still under the keyring under its data key, then destroys that key. */
async function shredTenant(ctx: AccessContext, tx: TransactionClient, tenantId: string, destroyedBy: string, dispositionId: string, now: Date) {
  const older = await tx.license.findMany({ where: { tenantId, keyCiphertext: { startsWith: "k" } }, select: { id: true, keyCiphertext: true } });
  if (older.length) {
    const dataKey = await liveDataKey(tx, ctx.keyring, ctx.dataKeys, tenantId);
    for (const row of older) {
      let resealed: string;
      try {
        resealed = sealLicenseKeyUnder(dataKey, row.id, openLicenseKey(ctx.keyring, row.id, row.keyCiphertext));
      } catch {
        continue; // already unreadable (altered or under a lost key version): nothing left to protect
      }
      await tx.$executeRaw`update licenses set key_ciphertext = ${resealed} where id = ${row.id}`;
    }
  }
  const live = await tx.tenantDataKey.findFirst({ where: { tenantId, live: true }, select: { id: true } });
  if (!live) return null;
  const protectedRecords = await tx.license.count({ where: { tenantId, keyCiphertext: { startsWith: `${live.id}.` } } });
  return destroyDataKey(tx, ctx.dataKeys, { tenantId, destroyedBy, dispositionId, now, protectedRecords });
}

async function revokeLiveLicenses(tx: TransactionClient, tenantId: string, dispositionId: string, now: Date, meta: RequestMeta): Promise<number> {
  const live = await tx.license.findMany({ where: { tenantId, status: { in: ["active", "suspended"] } }, select: { id: true, status: true } });
  for (const license of live) {
    await tx.license.update({ where: { id: license.id }, data: { status: "revoked", statusChangedAt: now }, select: { id: true } });
    await recordEvent(tx, {
      action: "license.revoke",
      outcome: "success",
      actor: accessService,
      target: { type: "license", id: license.id },
      tenantId,
      sourceIp: meta.sourceIp,
      requestId: meta.requestId,
      data: { from: license.status, to: "revoked", dispositionId },
    });
  }
  return live.length;
}
