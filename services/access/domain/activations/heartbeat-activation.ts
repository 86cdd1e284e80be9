// A component says a seat is still in use: the activation's last seen becomes now. Only a live one can
// be refreshed (an idle one has lost its seat: activate again), and only while the license takes seats:
// a revoked, suspended or expired license (or a token that no longer grants anything) is refused as
// activation refuses it, and the seat is left to lapse. Not audited — heartbeats are frequent.
import type { ActivationRequest, ActivateResponse } from "../../../../contracts/activation-api";
import { AppError } from "../../../common/http/app-error";
import type { AccessContext } from "../context";
import { findActivationLicense } from "./activation-license";
import { activationSelect, liveActivationsOf, toActivationDto } from "./activation-state";
import { assertLicenseTakesSeats } from "./seat-license-state";

export const notActivated = (detail = "This fingerprint holds no seat of the license; activate it first.") => new AppError("not-found", detail, { reason: "not-activated" });

export async function heartbeatActivation(ctx: AccessContext, caller: string, input: ActivationRequest): Promise<ActivateResponse> {
  return ctx.prisma.$transaction(async (tx) => {
    const license = await findActivationLicense(ctx, tx, caller, input);
    const now = ctx.now();
    assertLicenseTakesSeats(license, now);
    const window = license.heartbeatWindowMinutes;
    const live = liveActivationsOf(license.id, window, now);
    const { count } = await tx.activation.updateMany({ where: { ...live, fingerprint: input.fingerprint }, data: { lastSeenAt: now } });
    if (count === 0) throw notActivated("This fingerprint holds no seat of the license (never activated, released, or idle beyond the heartbeat window); activate it again.");
    const row = await tx.activation.findUniqueOrThrow({ where: { licenseId_fingerprint: { licenseId: license.id, fingerprint: input.fingerprint } }, select: activationSelect });
    const used = await tx.activation.count({ where: live });
    return { activation: toActivationDto(row, window, now), seats: { seats: license.seats, used, heartbeatWindowMinutes: window } };
  });
}
