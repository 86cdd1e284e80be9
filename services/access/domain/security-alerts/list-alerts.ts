// The Security alerts page's list: newest first, keyset pages, filtered by kind, state, tenant and a search
// over the principal and the evidence; with per-day counts by kind and tenant over the last 30 days for its
// chart. Within the actor's tenant (a platform administrator: all).
import type { ListSecurityAlertsQuery, ListSecurityAlertsResponse } from "../../../../contracts/security-alert-api";
import type { Prisma } from "../../generated/prisma/client";
import { tenantScope, type Actor } from "../actors/actor";
import type { AccessContext } from "../context";
import { alertInclude, toAlertDto } from "./alert-dto";

const chartDays = 30;

export async function listAlerts(ctx: AccessContext, actor: Actor, q: ListSecurityAlertsQuery): Promise<ListSecurityAlertsResponse> {
  const scope = tenantScope(actor);
  const tenantId = scope.tenantId ?? q.tenantId;
  const where: Prisma.DetectorAlertWhereInput = {
    ...(tenantId ? { tenantId } : {}),
    ...(q.kind ? { kind: q.kind } : {}),
    ...(q.state ? { state: q.state } : {}),
    ...(q.q ? { OR: [{ principalId: { contains: q.q } }, { id: q.q }, { kind: { contains: q.q } }] } : {}),
  };
  const cursor = q.cursor ? await ctx.prisma.detectorAlert.findFirst({ where: { id: q.cursor, ...scope }, select: { id: true, createdAt: true } }) : null;
  const rows = await ctx.prisma.detectorAlert.findMany({
    where: cursor ? { AND: [where, { OR: [{ createdAt: { lt: cursor.createdAt } }, { createdAt: cursor.createdAt, id: { lt: cursor.id } }] }] } : where,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: q.limit + 1,
    include: alertInclude,
  });
  const page = rows.slice(0, q.limit);
  const since = new Date(ctx.now().getTime() - chartDays * 86_400_000);
  const counts = await ctx.prisma.$queryRaw<{ day: string; kind: string; tenantId: string | null; count: number }[]>`
    SELECT to_char(date_trunc('day', "created_at" AT TIME ZONE 'UTC'), 'YYYY-MM-DD') AS "day", "kind", "tenant_id" AS "tenantId", count(*)::int AS "count"
    FROM "detector_alerts"
    WHERE "created_at" >= ${since} AND (${tenantId ?? null}::text IS NULL OR "tenant_id" = ${tenantId ?? null})
    GROUP BY 1, 2, 3 ORDER BY 1, 2`;
  return {
    alerts: page.map(toAlertDto),
    nextCursor: rows.length > q.limit ? (page.at(-1)?.id ?? null) : null,
    counts: counts as ListSecurityAlertsResponse["counts"],
  };
}
