// A component takes a seat of a license for a fingerprint. Under the license row's lock (so two
// activations racing for the last seat queue, and the second sees the first): the license must take seats
// now (seat-license-state.ts); a fingerprint that already holds a live seat is refreshed (200; a new name
// is audited as activation.rename); otherwise idle activations are reclaimed and a new one is written if a
// seat is free (201, its event counting the idle ones reclaimed), else 409 "seats-exhausted". A release
// racing a refresh (it takes no license lock) leaves the refresh nothing to update: it falls through and
// takes a seat anew. Audited, and so is each refusal (activation-refusal-audit.ts; a license the caller
// does not serve as not-served with its ids, while the answer stays unknown-key).
import type { ActivateRequest, ActivateResponse } from "../../../../contracts/activation-api";
import { AppError } from "../../../common/http/app-error";
import type { AccessContext, RequestMeta, TransactionClient } from "../context";
import { newId } from "../secrets/ids";
import { recordSeatEvent } from "./seat-event";
import { lockLicenseRow } from "../tokens/token-license";
import { findActivationLicense, LicenseNotServed, type ActivationLicense } from "./activation-license";
import type { ActivationRefusalAudit } from "./activation-refusal-audit";
import { activationSelect, liveActivationsOf, toActivationDto } from "./activation-state";
import { assertLicenseTakesSeats } from "./seat-license-state";

export async function activateSeat(ctx: AccessContext, refusals: ActivationRefusalAudit, caller: string, input: ActivateRequest, meta: RequestMeta): Promise<{ created: boolean; body: ActivateResponse }> {
  const seen: { license?: { id: string; tenantId: string } } = {};
  try {
    return await takeSeat(ctx, caller, input, meta, (license) => (seen.license = license));
  } catch (error) {
    if (error instanceof LicenseNotServed) {
      await refusals.record(ctx, { caller, reason: "not-served", licenseId: error.license.id, tenantId: error.license.tenantId, fingerprint: input.fingerprint }, meta);
    } else if (error instanceof AppError && error.extra.reason) {
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
    assertLicenseTakesSeats(license, now);
    const window = license.heartbeatWindowMinutes;
    const seatsOf = (used: number) => ({ seats: license.seats, used, heartbeatWindowMinutes: window });
    const refreshed = await refreshHeldSeat(tx, caller, license, input, meta, now);
    if (refreshed) {
      const used = await tx.activation.count({ where: liveActivationsOf(license.id, window, now) });
      return { created: false, body: { activation: toActivationDto(refreshed, window, now), seats: seatsOf(used) } };
    }
    // Idle ones hold no seat: cleared here, where the count is decided (this one's own idle row too).
    const reclaimed = await tx.activation.deleteMany({ where: { licenseId: license.id, lastSeenAt: { lte: new Date(now.getTime() - window * 60_000) } } });
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
    await recordSeatEvent(tx, "activation.create", caller, license, meta, { activationId: row.id, fingerprint: row.fingerprint, seats: license.seats, used: used + 1, reclaimedIdle: reclaimed.count });
    return { created: true, body: { activation: toActivationDto(row, window, now), seats: seatsOf(used + 1) } };
  });
}

/**
 * The fingerprint's live seat with last seen now (and its new name, audited), or null when it holds none
 * — also when a release deleted it after it was read: updateMany finds nothing where update would throw.
 */
async function refreshHeldSeat(tx: TransactionClient, caller: string, license: ActivationLicense, input: ActivateRequest, meta: RequestMeta, now: Date) {
  const held = { ...liveActivationsOf(license.id, license.heartbeatWindowMinutes, now), fingerprint: input.fingerprint };
  const before = await tx.activation.findFirst({ where: held, select: { id: true, name: true } });
  if (!before) return null;
  const renamed = input.name !== undefined && input.name !== before.name;
  const { count } = await tx.activation.updateMany({ where: { ...held, id: before.id }, data: { lastSeenAt: now, ...(renamed ? { name: input.name } : {}) } });
  if (count === 0) return null;
  if (renamed) {
    await recordSeatEvent(tx, "activation.rename", caller, license, meta, { activationId: before.id, fingerprint: input.fingerprint, previousName: before.name, name: input.name });
  }
  return tx.activation.findUnique({ where: { id: before.id }, select: activationSelect });
}
