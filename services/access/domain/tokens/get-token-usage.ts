// Introspections over time for the usage charts: one token's, or a license's (the sum over its tokens and
// its busiest tokens, with the requests refused over its request-rate quota), in every bucket of the range. Scoped to the actor's tenant in each query's where:
// another tenant's token or license is simply not found (404), as on the other token endpoints.
import type { LicenseTokenUsageResponse, TokenUsageResponse, UsageRange, UsageSeries } from "../../../../contracts/token-api";
import { tenantScope, type Actor } from "../actors/actor";
import type { AccessContext } from "../context";
import { tokenNotFound } from "./get-token";
import { loadTokenLicense } from "./token-license";
import { fillBuckets, totalOf, usageAxis, type HourRow, type UsageAxis } from "./usage-buckets";

const topTokenCount = 5;

function toSeries(range: UsageRange, axis: UsageAxis, rows: readonly HourRow[]): UsageSeries {
  const buckets = fillBuckets(axis, rows).map((b) => ({ start: new Date(b.start).toISOString(), uses: b.uses, refusals: b.refusals }));
  return { range, bucketHours: axis.bucketHours, from: axis.from.toISOString(), to: axis.to.toISOString(), buckets, totals: totalOf(buckets) };
}

const sums = (s: { uses: number | null; refusals: number | null }) => ({ uses: s.uses ?? 0, refusals: s.refusals ?? 0 });

/** Adds the license's requests refused over its quota (every kind together) to each bucket and the totals. */
function withRateLimited(series: UsageSeries, axis: UsageAxis, rows: readonly { bucket: Date; validations: number; introspections: number; grants: number }[]): UsageSeries {
  const limited = fillBuckets(axis, rows.map((r) => ({ bucket: r.bucket, uses: r.validations + r.introspections + r.grants, refusals: 0 })));
  const buckets = series.buckets.map((b, i) => ({ ...b, rateLimited: limited[i]?.uses ?? 0 }));
  return { ...series, buckets, totals: { ...series.totals, rateLimited: buckets.reduce((sum, b) => sum + b.rateLimited, 0) } };
}

export async function getTokenUsage(ctx: AccessContext, actor: Actor, id: string, range: UsageRange, now = ctx.now()): Promise<TokenUsageResponse> {
  const token = await ctx.prisma.token.findFirst({ where: { id, ...tenantScope(actor) }, select: { id: true } });
  if (!token) throw tokenNotFound();
  const axis = usageAxis(range, now);
  const rows = await ctx.prisma.tokenUsage.findMany({
    where: { tokenId: token.id, ...tenantScope(actor), bucket: { gte: axis.from, lt: axis.to } },
    select: { bucket: true, uses: true, refusals: true },
  });
  return { usage: toSeries(range, axis, rows) };
}

export async function getLicenseTokenUsage(ctx: AccessContext, actor: Actor, licenseId: string, range: UsageRange, now = ctx.now()): Promise<LicenseTokenUsageResponse> {
  const license = await loadTokenLicense(ctx.prisma, actor, licenseId);
  const axis = usageAxis(range, now);
  const where = { licenseId: license.id, ...tenantScope(actor), bucket: { gte: axis.from, lt: axis.to } };
  const [hours, limited, top] = await Promise.all([
    ctx.prisma.tokenUsage.groupBy({ by: ["bucket"], where, _sum: { uses: true, refusals: true } }),
    ctx.prisma.licenseRateLimited.findMany({ where, select: { bucket: true, validations: true, introspections: true, grants: true } }),
    ctx.prisma.tokenUsage.groupBy({
      by: ["tokenId"],
      where,
      _sum: { uses: true, refusals: true },
      orderBy: [{ _sum: { uses: "desc" } }, { _sum: { refusals: "desc" } }, { tokenId: "asc" }],
      take: topTokenCount,
    }),
  ]);
  const names = top.length
    ? await ctx.prisma.token.findMany({ where: { id: { in: top.map((t) => t.tokenId) }, licenseId: license.id, ...tenantScope(actor) }, select: { id: true, name: true, displayPrefix: true } })
    : [];
  const byId = new Map(names.map((t) => [t.id, t]));
  return {
    usage: withRateLimited(toSeries(range, axis, hours.map((h) => ({ bucket: h.bucket, ...sums(h._sum) }))), axis, limited),
    topTokens: top.flatMap((t) => {
      const token = byId.get(t.tokenId);
      return token ? [{ id: token.id, name: token.name, displayPrefix: token.displayPrefix, ...sums(t._sum) }] : [];
    }),
  };
}
