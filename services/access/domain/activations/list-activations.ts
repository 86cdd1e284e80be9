// A license's activations for the console (licenses.read, within the person's tenant): most recently
// seen first in keyset pages, searchable by fingerprint or name and filtered by whether each holds its
// seat; how many seats are in use is counted in the database over all of them, whatever the filters.
import { listActivationsQuery, type ListActivationsQuery, type ListActivationsResponse } from "../../../../contracts/activation-api";
import { likeEscape } from "../../../common/db/like-escape";
import type { Prisma } from "../../generated/prisma/client";
import { tenantScope, type Actor } from "../actors/actor";
import type { AccessContext } from "../context";
import { licenseNotFound } from "../licenses/get-license";
import { newestFirstAfter, newestFirstPage } from "../paging/newest-first-cursor";
import { activationSelect, liveActivationsOf, toActivationDto } from "./activation-state";

function searchWhere(search: string | undefined): Prisma.ActivationWhereInput {
  if (!search) return {};
  const pattern = likeEscape(search);
  return { OR: [{ fingerprint: { startsWith: pattern, mode: "insensitive" } }, { name: { contains: pattern, mode: "insensitive" } }] };
}

export async function listActivations(ctx: AccessContext, actor: Actor, licenseId: string, query: ListActivationsQuery): Promise<ListActivationsResponse> {
  const { search, status, limit, cursor } = listActivationsQuery.parse(query);
  const license = await ctx.prisma.license.findFirst({ where: { id: licenseId, ...tenantScope(actor) }, select: { id: true, seats: true, tier: { select: { heartbeatWindowMinutes: true } } } });
  if (!license) throw licenseNotFound();
  const now = ctx.now();
  const window = license.tier.heartbeatWindowMinutes;
  const live = liveActivationsOf(license.id, window, now);
  const statusWhere: Prisma.ActivationWhereInput = status === "active" ? live : status === "expired" ? { lastSeenAt: { lte: live.lastSeenAt.gt } } : {};
  const where: Prisma.ActivationWhereInput = { AND: [{ licenseId: license.id }, statusWhere, searchWhere(search)] };
  const [rows, used, total] = await ctx.prisma.$transaction([
    ctx.prisma.activation.findMany({
      where: cursor ? { AND: [where, newestFirstAfter("lastSeenAt", cursor)] } : where,
      select: activationSelect,
      orderBy: [{ lastSeenAt: "desc" }, { id: "desc" }],
      take: limit + 1,
    }),
    ctx.prisma.activation.count({ where: live }),
    ctx.prisma.activation.count({ where }),
  ]);
  const { page, nextCursor } = newestFirstPage(rows, limit, (row) => row.lastSeenAt);
  return { activations: page.map((row) => toActivationDto(row, window, now)), nextCursor, total, seats: { seats: license.seats, used, heartbeatWindowMinutes: window } };
}
