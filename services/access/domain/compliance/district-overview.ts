// The district's compliance overview: districts with their agreement state and open incidents (platform
// admins: all, searchable, by name; a district's people: their own), and one district's agreement, licensed
// components and open incidents with their clocks. A company tenant has no compliance overview (404).
import type { z } from "zod";
import { noticeClock } from "../../../../contracts/breach-notice";
import type { DistrictSummaryDto, LicensedComponentDto, listComplianceDistrictsQuery } from "../../../../contracts/compliance-api";
import type { DistrictAgreement, Prisma, Tenant } from "../../generated/prisma/client";
import type { Actor } from "../actors/actor";
import type { AccessContext } from "../context";
import { toAgreementDto } from "../agreements/agreement-dto";
import { toInventoryVersionDto } from "../trust/trust-dto";
import { findDistrictOrThrow } from "../agreements/get-agreement";
import { districtsScope, rulesOf, tenantNamesOf, toIncidentDto } from "../incidents/incident-dto";
import { tenantRowScope } from "../tenants/get-tenant";
import { decodeTenantCursor, encodeTenantCursor } from "../tenants/tenant-cursor";
import { likeEscape } from "../../../common/db/like-escape";

type Counts = Map<string, { open: number; overdue: number }>;

async function openIncidentCounts(ctx: AccessContext, tenantIds: string[]): Promise<Counts> {
  const rows = await ctx.prisma.incidentDistrict.findMany({
    where: { tenantId: { in: tenantIds }, incident: { status: "open" } },
    include: { incident: { select: { discoveredAt: true, determinedAt: true } } },
  });
  const now = ctx.now();
  const counts: Counts = new Map();
  for (const row of rows) {
    const c = counts.get(row.tenantId) ?? { open: 0, overdue: 0 };
    c.open += 1;
    if (noticeClock(rulesOf(row), row.incident, row.deliveredAt, now).state === "overdue") c.overdue += 1;
    counts.set(row.tenantId, c);
  }
  return counts;
}

function toSummary(tenant: Tenant, agreement: DistrictAgreement | null, counts: Counts): DistrictSummaryDto {
  const dto = toAgreementDto(tenant, agreement);
  const c = counts.get(tenant.id);
  return {
    id: tenant.id,
    name: tenant.name,
    slug: tenant.slug,
    kind: tenant.kind,
    state: tenant.districtState as DistrictSummaryDto["state"],
    agreementKind: dto.kind,
    agreementReference: dto.reference,
    agreementEndsOn: dto.endsOn,
    openIncidents: c?.open ?? 0,
    overdueNotices: c?.overdue ?? 0,
  };
}

export async function listComplianceDistricts(ctx: AccessContext, actor: Actor, query: z.infer<typeof listComplianceDistrictsQuery>) {
  const where: Prisma.TenantWhereInput[] = [tenantRowScope(actor), { kind: "district" }];
  if (query.search) {
    const text = likeEscape(query.search);
    where.push({ OR: [{ name: { contains: text, mode: "insensitive" } }, { slug: { contains: text, mode: "insensitive" } }] });
  }
  if (query.cursor) {
    const after = decodeTenantCursor(query.cursor);
    where.push({ OR: [{ name: { gt: after.name } }, { name: after.name, id: { gt: after.id } }] });
  }
  const rows = await ctx.prisma.tenant.findMany({ where: { AND: where }, orderBy: [{ name: "asc" }, { id: "asc" }], take: query.limit + 1 });
  const page = rows.slice(0, query.limit);
  const ids = page.map((t) => t.id);
  const agreements = new Map((await ctx.prisma.districtAgreement.findMany({ where: { tenantId: { in: ids } } })).map((a) => [a.tenantId, a]));
  const counts = await openIncidentCounts(ctx, ids);
  const last = page.at(-1);
  return {
    districts: page.map((t) => toSummary(t, agreements.get(t.id) ?? null, counts)),
    nextCursor: rows.length > query.limit && last ? encodeTenantCursor(last) : null,
  };
}

export async function getDistrictOverview(ctx: AccessContext, actor: Actor, tenantId: string) {
  const tenant = await findDistrictOrThrow(ctx.prisma, actor, tenantId);
  const agreement = await ctx.prisma.districtAgreement.findUnique({ where: { tenantId } });
  const counts = await openIncidentCounts(ctx, [tenantId]);
  const licenses = await ctx.prisma.license.findMany({
    where: { tenantId },
    select: { status: true, component: { select: { id: true, key: true, name: true } } },
  });
  const components = new Map<string, LicensedComponentDto>();
  for (const license of licenses) {
    const c = components.get(license.component.id) ?? { ...license.component, licenses: { active: 0, suspended: 0, expired: 0, revoked: 0 }, inventory: null };
    c.licenses[license.status] += 1;
    components.set(c.id, c);
  }
  // Each component's newest inventory version: what of the district's data it holds, as /trust says.
  const versions = await ctx.prisma.dataInventoryVersion.findMany({ where: { componentId: { in: [...components.keys()] } }, orderBy: [{ componentId: "asc" }, { version: "desc" }] });
  for (const v of versions) {
    const c = components.get(v.componentId);
    if (c && !c.inventory) c.inventory = toInventoryVersionDto(v);
  }
  // Only this district's part of each incident, whoever asks: the overview is the district's page.
  const incidentRows = await ctx.prisma.incident.findMany({
    where: { status: "open", districts: { some: { tenantId } } },
    include: { districts: { where: { AND: [{ tenantId }, districtsScope(actor)] } } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: 50,
  });
  const names = await tenantNamesOf(ctx.prisma, incidentRows);
  const now = ctx.now();
  return {
    district: toSummary(tenant, agreement, counts),
    agreement: toAgreementDto(tenant, agreement),
    components: [...components.values()].sort((a, b) => a.name.localeCompare(b.name)),
    openIncidents: incidentRows.map((row) => toIncidentDto(row, actor, names, now)),
  };
}
