// Incidents the actor may see: one by id, or a page of them newest first. Another district's incident is
// simply not found, exactly like an id that does not exist.
import { z } from "zod";
import type { listIncidentsQuery } from "../../../../contracts/incident-api";
import { AppError } from "../../../common/http/app-error";
import type { Prisma } from "../../generated/prisma/client";
import type { Actor } from "../actors/actor";
import type { AccessContext, TransactionClient } from "../context";
import { newestFirstAfter, newestFirstPage } from "../paging/newest-first-cursor";
import { districtsScope, incidentScope, tenantNamesOf, toIncidentDto, type IncidentRow } from "./incident-dto";

type Db = AccessContext["prisma"] | TransactionClient;

export async function findIncidentOrThrow(db: Db, actor: Actor, id: string): Promise<IncidentRow> {
  const row = await db.incident.findFirst({
    where: { AND: [{ id }, incidentScope(actor)] },
    include: { districts: { where: districtsScope(actor) } },
  });
  if (!row) throw new AppError("not-found", "No such incident.", { reason: "incident-not-found" });
  return row;
}

/** The incident as the actor sees it, read again (after a change, inside the change's transaction). */
export async function incidentView(db: Db, actor: Actor, id: string, now: Date) {
  const row = await findIncidentOrThrow(db, actor, id);
  return { incident: toIncidentDto(row, actor, await tenantNamesOf(db, [row]), now) };
}

export async function getIncident(ctx: AccessContext, actor: Actor, id: string) {
  return incidentView(ctx.prisma, actor, id, ctx.now());
}

export async function listIncidents(ctx: AccessContext, actor: Actor, query: z.infer<typeof listIncidentsQuery>) {
  const where: Prisma.IncidentWhereInput[] = [incidentScope(actor)];
  if (query.status) where.push({ status: query.status });
  if (query.cursor) where.push(newestFirstAfter("createdAt", query.cursor));
  const rows = await ctx.prisma.incident.findMany({
    where: { AND: where },
    include: { districts: { where: districtsScope(actor) } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: query.limit + 1,
  });
  const { page, nextCursor } = newestFirstPage(rows, query.limit, (row) => row.createdAt);
  const names = await tenantNamesOf(ctx.prisma, page);
  const now = ctx.now();
  return {
    incidents: page.map((row) => toIncidentDto(row, actor, names, now)),
    nextCursor,
  };
}
