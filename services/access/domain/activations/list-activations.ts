// A license's activations for the console (licenses.read, within the person's tenant): most recently
// seen first, each with whether it still holds its seat, and how many seats are in use.
import type { ListActivationsResponse } from "../../../../contracts/activation-api";
import { tenantScope, type Actor } from "../actors/actor";
import type { AccessContext } from "../context";
import { licenseNotFound } from "../licenses/get-license";
import { activationSelect, toActivationDto } from "./activation-state";

/** At most this many are listed (a license's seats are few; the tier's maximum is far above any real use). */
const listLimit = 500;

export async function listActivations(ctx: AccessContext, actor: Actor, licenseId: string): Promise<ListActivationsResponse> {
  const license = await ctx.prisma.license.findFirst({ where: { id: licenseId, ...tenantScope(actor) }, select: { id: true, seats: true, tier: { select: { heartbeatWindowMinutes: true } } } });
  if (!license) throw licenseNotFound();
  const now = ctx.now();
  const window = license.tier.heartbeatWindowMinutes;
  const rows = await ctx.prisma.activation.findMany({ where: { licenseId: license.id }, select: activationSelect, orderBy: [{ lastSeenAt: "desc" }, { id: "asc" }], take: listLimit });
  const activations = rows.map((row) => toActivationDto(row, window, now));
  return { activations, seats: { seats: license.seats, used: activations.filter((a) => a.status === "active").length, heartbeatWindowMinutes: window } };
}
