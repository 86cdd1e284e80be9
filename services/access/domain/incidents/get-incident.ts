// Incidents the actor may see: one by id, or a page of them newest first. Another district's incident is
// simply not found, exactly like an id that does not exist.
import { z } from "zod";
import type { listIncidentsQuery } from "../../../../contracts/incident-api";
import { plainText, recordId } from "../../../../contracts/tenant-api";
import { AppError } from "../../../common/http/app-error";
import type { Prisma } from "../../generated/prisma/client";
import type { Actor } from "../actors/actor";
import type { AccessContext, TransactionClient } from "../context";
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

const cursorShape = z.tuple([plainText(40), recordId("inc")]);

function decodeCursor(cursor: string): { createdAt: Date; id: string } {
  let decoded: unknown = null;
  try {
    decoded = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    decoded = null;
  }
  const parsed = cursorShape.safeParse(decoded);
  const createdAt = parsed.success ? new Date(parsed.data[0]) : null;
  if (!parsed.success || !createdAt || Number.isNaN(createdAt.getTime())) {
    throw new AppError("validation-failed", "The page cursor is not valid.", { fieldErrors: { cursor: ["Start again from the first page."] } });
  }
  return { createdAt, id: parsed.data[1] };
}

export async function listIncidents(ctx: AccessContext, actor: Actor, query: z.infer<typeof listIncidentsQuery>) {
  const where: Prisma.IncidentWhereInput[] = [incidentScope(actor)];
  if (query.status) where.push({ status: query.status });
  if (query.cursor) {
    const after = decodeCursor(query.cursor);
    where.push({ OR: [{ createdAt: { lt: after.createdAt } }, { createdAt: after.createdAt, id: { lt: after.id } }] });
  }
  const rows = await ctx.prisma.incident.findMany({
    where: { AND: where },
    include: { districts: { where: districtsScope(actor) } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  const names = await tenantNamesOf(ctx.prisma, page);
  const now = ctx.now();
  const last = page.at(-1);
  return {
    incidents: page.map((row) => toIncidentDto(row, actor, names, now)),
    nextCursor: rows.length > query.limit && last ? Buffer.from(JSON.stringify([last.createdAt.toISOString(), last.id])).toString("base64url") : null,
  };
}
