// A license's activations for the console (licenses.read, within the person's tenant): most recently
// seen first, each with whether it still holds its seat; how many seats are in use and how many
// activations there are in all are counted in the database, not from the rows listed.
import type { ListActivationsResponse } from "../../../../contracts/activation-api";
import { tenantScope, type Actor } from "../actors/actor";
import type { AccessContext } from "../context";
import { licenseNotFound } from "../licenses/get-license";
import { activationSelect, liveActivationsOf, toActivationDto } from "./activation-state";

/** At most this many are listed (a license's seats are few; the console says when there are more). */
export const activationListLimit = 500;

export async function listActivations(ctx: AccessContext, actor: Actor, licenseId: string): Promise<ListActivationsResponse> {
  const license = await ctx.prisma.license.findFirst({ where: { id: licenseId, ...tenantScope(actor) }, select: { id: true, seats: true, tier: { select: { heartbeatWindowMinutes: true } } } });
  if (!license) throw licenseNotFound();
  const now = ctx.now();
  const window = license.tier.heartbeatWindowMinutes;
  const [rows, used, total] = await ctx.prisma.$transaction([
    ctx.prisma.activation.findMany({ where: { licenseId: license.id }, select: activationSelect, orderBy: [{ lastSeenAt: "desc" }, { id: "asc" }], take: activationListLimit }),
    ctx.prisma.activation.count({ where: liveActivationsOf(license.id, window, now) }),
    ctx.prisma.activation.count({ where: { licenseId: license.id } }),
  ]);
  return { activations: rows.map((row) => toActivationDto(row, window, now)), total, seats: { seats: license.seats, used, heartbeatWindowMinutes: window } };
}
