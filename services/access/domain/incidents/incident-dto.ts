// What the outside world sees of an incident, and what of it each caller may see: platform admins every
// district it concerns with the draft notices; a district's people their own district only, the notice
// once it was delivered (a draft is not yet what the district was told).
import { z } from "zod";
import { noticeClock, type NoticeRule } from "../../../../contracts/breach-notice";
import { noticeRuleDto } from "../../../../contracts/compliance-api";
import { deliveryMethods, noticeSections, type IncidentDto } from "../../../../contracts/incident-api";
import type { Incident, IncidentDistrict, Prisma } from "../../generated/prisma/client";
import type { Actor } from "../actors/actor";

export type IncidentRow = Incident & { districts: IncidentDistrict[] };
export type TenantNames = Map<string, { name: string; districtState: string | null }>;

const storedRules = z.array(noticeRuleDto);

/** The `where` that confines incidents to the actor's: all for platform admins, those that concern their tenant for everyone else. */
export function incidentScope(actor: Actor): Prisma.IncidentWhereInput {
  if (actor.role === "platform_admin") return {};
  return { districts: { some: { tenantId: actor.tenantId ?? "" } } };
}

/** The districts of an incident the actor may see, for `include`. */
export function districtsScope(actor: Actor): Prisma.IncidentDistrictWhereInput {
  return actor.role === "platform_admin" ? {} : { tenantId: actor.tenantId ?? "" };
}

export function rulesOf(row: IncidentDistrict): NoticeRule[] {
  return storedRules.parse(row.noticeRule);
}

export function toIncidentDto(row: IncidentRow, actor: Actor, names: TenantNames, now: Date): IncidentDto {
  const times = { discoveredAt: row.discoveredAt, determinedAt: row.determinedAt };
  const seesDrafts = actor.role === "platform_admin";
  return {
    id: row.id,
    title: row.title,
    summary: row.summary,
    dataConcerned: row.dataConcerned,
    discoveredAt: row.discoveredAt.toISOString(),
    determinedAt: row.determinedAt?.toISOString() ?? null,
    status: row.status,
    closedAt: row.closedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    districts: row.districts
      .filter((d) => seesDrafts || d.tenantId === actor.tenantId)
      .map((d) => {
        const rules = rulesOf(d);
        const clock = noticeClock(rules, times, d.deliveredAt, now);
        const tenant = names.get(d.tenantId);
        return {
          tenantId: d.tenantId,
          tenantName: tenant?.name ?? d.tenantId,
          state: tenant?.districtState ?? null,
          rules,
          clock: { state: clock.state, deadlineAt: clock.deadlineAt?.toISOString() ?? null, governing: clock.governing },
          markedAt: d.markedAt.toISOString(),
          notice: seesDrafts || d.deliveredAt ? noticeSections.parse(d.notice) : null,
          delivery:
            d.deliveredAt && d.deliveryMethod && d.deliveredTo
              ? { deliveredAt: d.deliveredAt.toISOString(), method: z.enum(deliveryMethods).parse(d.deliveryMethod), to: d.deliveredTo }
              : null,
        };
      })
      .sort((a, b) => a.tenantName.localeCompare(b.tenantName)),
  };
}

/** Names and states of the tenants the rows mention, in one query. */
export async function tenantNamesOf(db: { tenant: { findMany(args: { where: { id: { in: string[] } }; select: { id: true; name: true; districtState: true } }): Promise<{ id: string; name: string; districtState: string | null }[]> } }, rows: IncidentRow[]): Promise<TenantNames> {
  const ids = [...new Set(rows.flatMap((r) => r.districts.map((d) => d.tenantId)))];
  if (!ids.length) return new Map();
  const tenants = await db.tenant.findMany({ where: { id: { in: ids } }, select: { id: true, name: true, districtState: true } });
  return new Map(tenants.map((t) => [t.id, { name: t.name, districtState: t.districtState }]));
}
