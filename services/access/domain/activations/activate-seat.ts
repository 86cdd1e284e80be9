// A component takes a seat of a license for a fingerprint. Under the license row's lock (so two
// activations racing for the last seat queue, and the second sees the first): the license must validate
// now; a fingerprint that already holds a live seat is refreshed (200); otherwise idle activations are
// cleared and a new one is written if a seat is free (201), else 409 "seats-exhausted". Audited, and so
// is each refusal (activation-refusal-audit.ts).
import type { ActivateRequest, ActivateResponse } from "../../../../contracts/activation-api";
import { AppError } from "../../../common/http/app-error";
import { recordEvent } from "../../outbox/record-event";
import { serviceActor } from "../actors/actor";
import type { AccessContext, RequestMeta } from "../context";
import { failureReason } from "../licenses/validate-license";
import { newId } from "../secrets/ids";
import { lockLicenseRow } from "../tokens/token-license";
import { findActivationLicense } from "./activation-license";
import type { ActivationRefusalAudit } from "./activation-refusal-audit";
import { activationLive, activationSelect, liveActivationsOf, toActivationDto } from "./activation-state";

type StateRefusal = "revoked" | "suspended" | "expired" | "not-yet-valid";
const licenseStateMessages: Record<StateRefusal, string> = {
  revoked: "The license is revoked; it takes no activations.",
  suspended: "The license is suspended; it takes no activations until it is reinstated.",
  expired: "The license has expired; it takes no activations.",
  "not-yet-valid": "The license has not started yet; it takes activations from its start.",
};

export async function activateSeat(ctx: AccessContext, refusals: ActivationRefusalAudit, caller: string, input: ActivateRequest, meta: RequestMeta): Promise<{ created: boolean; body: ActivateResponse }> {
  const seen: { license?: { id: string; tenantId: string } } = {};
  try {
    return await takeSeat(ctx, caller, input, meta, (license) => (seen.license = license));
  } catch (error) {
    if (error instanceof AppError && error.extra.reason) {
      await refusals.record(ctx, { caller, reason: error.extra.reason, licenseId: seen.license?.id ?? null, tenantId: seen.license?.tenantId ?? null, fingerprint: input.fingerprint }, meta);
    }
    throw error;
  }
}

async function takeSeat(ctx: AccessContext, caller: string, input: ActivateRequest, meta: RequestMeta, onLicense: (l: { id: string; tenantId: string }) => void) {
  return ctx.prisma.$transaction(async (tx) => {
    const found = await findActivationLicense(ctx, tx, caller, input);
    onLicense(found);
    await lockLicenseRow(tx, found.id);
    // Read again after the lock: a suspension or tier change that committed meanwhile counts.
    const license = await findActivationLicense(ctx, tx, caller, input);
    const now = ctx.now();
    // Without a scope or fingerprint, only the license's own state can refuse.
    const refusal = failureReason({ ...license, scopes: [] }, undefined, now) as StateRefusal | null;
    if (refusal) throw new AppError("conflict", licenseStateMessages[refusal], { reason: refusal });
    const window = license.heartbeatWindowMinutes;
    const seatsOf = (used: number) => ({ seats: license.seats, used, heartbeatWindowMinutes: window });
    const existing = await tx.activation.findUnique({ where: { licenseId_fingerprint: { licenseId: license.id, fingerprint: input.fingerprint } }, select: activationSelect });
    if (existing && activationLive(existing.lastSeenAt, window, now)) {
      const refreshed = await tx.activation.update({ where: { id: existing.id }, data: { lastSeenAt: now, ...(input.name !== undefined ? { name: input.name } : {}) }, select: activationSelect });
      const used = await tx.activation.count({ where: liveActivationsOf(license.id, window, now) });
      return { created: false, body: { activation: toActivationDto(refreshed, window, now), seats: seatsOf(used) } };
    }
    // Idle ones hold no seat: cleared here, where the count is decided (this one's own idle row too).
    await tx.activation.deleteMany({ where: { licenseId: license.id, lastSeenAt: { lte: new Date(now.getTime() - window * 60_000) } } });
    const used = await tx.activation.count({ where: liveActivationsOf(license.id, window, now) });
    if (used >= license.seats) {
      throw new AppError("conflict", `Every seat of this license is taken (${license.seats} of ${license.seats}); release one first.`, {
        reason: "seats-exhausted",
        internal: `license ${license.id}: ${used} live activations, ${license.seats} seats`,
      });
    }
    const row = await tx.activation.create({
      data: { id: newId("act"), licenseId: license.id, tenantId: license.tenantId, fingerprint: input.fingerprint, name: input.name ?? "", activatedBy: caller, firstSeenAt: now, lastSeenAt: now },
      select: activationSelect,
    });
    await recordEvent(tx, {
      action: "activation.create",
      outcome: "success",
      actor: serviceActor(caller),
      target: { type: "license", id: license.id },
      tenantId: license.tenantId,
      sourceIp: meta.sourceIp,
      requestId: meta.requestId,
      data: { activationId: row.id, fingerprint: row.fingerprint, seats: license.seats, used: used + 1 },
    });
    return { created: true, body: { activation: toActivationDto(row, window, now), seats: seatsOf(used + 1) } };
  });
}
