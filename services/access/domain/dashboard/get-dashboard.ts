// The dashboard's figures, each counted in the database over what the person may see (their tenant's in
// every query's where; everything for platform administrators): licenses by effective status, the active
// ones ending within 30 days, tokens live and revoked this week, and validations over the week in two series:
// license validations (license_validations) and token introspections (token_usage), both counted in memory
// by the access processes and written per hour.
import { expiringListed, expiringWithinDays, type DashboardResponse } from "../../../../contracts/dashboard-api";
import { can } from "../../../../contracts/permissions";
import type { UsageSeries } from "../../../../contracts/token-api";
import { tenantScope, type Actor } from "../actors/actor";
import type { AccessContext } from "../context";
import { fillBuckets, totalOf, usageAxis, type HourRow, type UsageAxis } from "../tokens/usage-buckets";

const dayMs = 86_400_000;

export async function getDashboard(ctx: AccessContext, actor: Actor, now = ctx.now()): Promise<DashboardResponse> {
  const scope = tenantScope(actor);
  const soon = new Date(now.getTime() + expiringWithinDays * dayMs);
  const activeUntil = (lt: Date) => ({ ...scope, status: "active" as const, endsAt: { gt: now, lte: lt } });
  const axis = usageAxis("7d", now);
  const [stored, overdue, expiringCount, soonest, validated] = await Promise.all([
    ctx.prisma.license.groupBy({ by: ["status"], where: scope, _count: { _all: true } }),
    // Between expiry sweeps an active license past its end is already expired.
    ctx.prisma.license.count({ where: { ...scope, status: "active", endsAt: { lte: now } } }),
    ctx.prisma.license.count({ where: activeUntil(soon) }),
    ctx.prisma.license.findMany({
      where: activeUntil(soon),
      orderBy: [{ endsAt: "asc" }, { id: "asc" }],
      take: expiringListed,
      select: { id: true, endsAt: true, component: { select: { name: true } }, tenant: { select: { name: true } } },
    }),
    ctx.prisma.licenseValidationCount.groupBy({ by: ["bucket"], where: { ...scope, bucket: { gte: axis.from, lt: axis.to } }, _sum: { valid: true, refused: true } }),
  ]);
  const byStatus = { active: 0, suspended: 0, expired: 0, revoked: 0 };
  for (const row of stored) byStatus[row.status] += row._count._all;
  byStatus.active -= overdue;
  byStatus.expired += overdue;
  return {
    licenses: {
      byStatus,
      expiringSoon: {
        count: expiringCount,
        soonest: soonest.map((l) => ({ id: l.id, component: l.component.name, tenant: l.tenant.name, endsAt: l.endsAt.toISOString() })),
      },
      validations: weekSeries(axis, validated.map((h) => ({ bucket: h.bucket, uses: h._sum.valid ?? 0, refusals: h._sum.refused ?? 0 }))),
    },
    tokens: can(actor.role, "tokens.read") ? await tokenFigures(ctx, scope, axis, now) : null,
  };
}

/** Hourly rows as the week's series (every bucket present, zeros included). */
function weekSeries(axis: UsageAxis, rows: readonly HourRow[]): UsageSeries {
  const buckets = fillBuckets(axis, rows).map((b) => ({ start: new Date(b.start).toISOString(), uses: b.uses, refusals: b.refusals }));
  return { range: "7d", bucketHours: axis.bucketHours, from: axis.from.toISOString(), to: axis.to.toISOString(), buckets, totals: totalOf(buckets) };
}

async function tokenFigures(ctx: AccessContext, scope: { tenantId?: string }, axis: UsageAxis, now: Date): Promise<NonNullable<DashboardResponse["tokens"]>> {
  const [live, revokedThisWeek, hours] = await Promise.all([
    ctx.prisma.token.count({ where: { ...scope, revokedAt: null, expiresAt: { gt: now } } }),
    ctx.prisma.token.count({ where: { ...scope, revokedAt: { gt: new Date(now.getTime() - 7 * dayMs), lte: now } } }),
    ctx.prisma.tokenUsage.groupBy({ by: ["bucket"], where: { ...scope, bucket: { gte: axis.from, lt: axis.to } }, _sum: { uses: true, refusals: true } }),
  ]);
  return { live, revokedThisWeek, introspections: weekSeries(axis, hours.map((h) => ({ bucket: h.bucket, uses: h._sum.uses ?? 0, refusals: h._sum.refusals ?? 0 }))) };
}
