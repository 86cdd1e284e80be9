// A component says a seat is still in use: the activation's last seen becomes now. Only a live one can
// be refreshed (an idle one has lost its seat: activate again), and only while the license takes seats:
// a revoked, suspended or expired license (or a token that no longer grants anything) is refused as
// activation refuses it, and the seat is left to lapse. Not audited — heartbeats are frequent.
//
// No transaction and no license lock: the refresh is one UPDATE that only matches a live seat, so it can
// neither resurrect a seat activation reclaimed (idle rows only) nor one a release deleted, and it returns
// the refreshed row with the seats in use in the same statement (the count reads the statement's snapshot,
// in which the refreshed seat was already live): beside the license's lookup, one statement where
// BEGIN, UPDATE, SELECT, COUNT and COMMIT were five.
import type { ActivationRequest, ActivateResponse } from "../../../../contracts/activation-api";
import { AppError } from "../../../common/http/app-error";
import type { AccessContext } from "../context";
import { findActivationLicense } from "./activation-license";
import { liveActivationsOf, toActivationDto, type ActivationRow } from "./activation-state";
import { assertLicenseTakesSeats } from "./seat-license-state";

export const notActivated = (detail = "This fingerprint holds no seat of the license; activate it first.") => new AppError("not-found", detail, { reason: "not-activated" });

type Refreshed = ActivationRow & { used: bigint };

export async function heartbeatActivation(ctx: AccessContext, caller: string, input: ActivationRequest): Promise<ActivateResponse> {
  const license = await findActivationLicense(ctx, ctx.prisma, caller, input);
  const now = ctx.now();
  assertLicenseTakesSeats(license, now);
  const window = license.heartbeatWindowMinutes;
  const liveSince = liveActivationsOf(license.id, window, now).lastSeenAt.gt;
  const [row] = await ctx.prisma.$queryRaw<Refreshed[]>`
    with refreshed as (
      update activations set last_seen_at = ${now}
      where license_id = ${license.id} and fingerprint = ${input.fingerprint} and last_seen_at > ${liveSince}
      returning id, license_id, fingerprint, name, activated_by, first_seen_at, last_seen_at
    )
    select id, license_id as "licenseId", fingerprint, name, activated_by as "activatedBy", first_seen_at as "firstSeenAt", last_seen_at as "lastSeenAt",
           (select count(*) from activations where license_id = ${license.id} and last_seen_at > ${liveSince}) as used
    from refreshed`;
  if (!row) throw notActivated("This fingerprint holds no seat of the license (never activated, released, or idle beyond the heartbeat window); activate it again.");
  const { used, ...activation } = row;
  return { activation: toActivationDto(activation, window, now), seats: { seats: license.seats, used: Number(used), heartbeatWindowMinutes: window } };
}
