// The license table: filters, search, sorting and keyset pagination in one SQL statement per page (plus
// a count), confined to the actor's tenant. Keyset, not OFFSET, so page 1000 costs what page 1 costs.
import type { LicenseRow, LicenseSortField, ListLicensesResponse } from "../../../../contracts/license-api";
import type { LicenseHolderKind, LicenseStatus } from "../../../../contracts/license-api";
import { Prisma } from "../../generated/prisma/client";
import { tenantScope, type Actor } from "../actors/actor";
import type { AccessContext } from "../context";
import { decodeCursor, encodeCursor, type CursorKey } from "./license-cursor";
import { toLicenseRow } from "./license-dto";
import { likeEscape } from "../../../common/db/like-escape";

export type ListLicensesInput = {
  search?: string;
  status?: LicenseStatus;
  tierId?: string;
  tenantId?: string;
  componentId?: string;
  sort: LicenseSortField;
  order: "asc" | "desc";
  limit: number;
  cursor?: string;
};

type Row = {
  id: string;
  status: LicenseStatus;
  seats: number;
  startsAt: Date;
  endsAt: Date;
  createdAt: Date;
  holderKind: LicenseHolderKind;
  holderName: string;
  tenantId: string;
  tenantName: string;
  tenantSlug: string;
  componentId: string;
  componentKey: string;
  componentName: string;
  tierId: string;
  tierKey: string;
  tierName: string;
};

/** ORDER BY columns per sort (the id last makes the order total); each matches an index where one exists. */
const sortColumns: Record<LicenseSortField, Prisma.Sql[]> = {
  createdAt: [Prisma.sql`l."created_at"`, Prisma.sql`l."id"`],
  endsAt: [Prisma.sql`l."ends_at"`, Prisma.sql`l."id"`],
  // By stored status, then soonest end: uses the (status, ends_at) index. Between sweeps an overdue
  // active license shows "expired" but still sorts with the active ones.
  status: [Prisma.sql`l."status"`, Prisma.sql`l."ends_at"`, Prisma.sql`l."id"`],
  tenant: [Prisma.sql`t."name"`, Prisma.sql`l."tenant_id"`, Prisma.sql`l."id"`],
};

function cursorValues(sort: LicenseSortField, key: CursorKey): Prisma.Sql[] {
  switch (sort) {
    case "createdAt":
    case "endsAt":
      return [Prisma.sql`${new Date(key[0])}::timestamptz`, Prisma.sql`${key[1]}`];
    case "status":
      return [Prisma.sql`${key[0]}::"LicenseStatus"`, Prisma.sql`${new Date(key[1])}::timestamptz`, Prisma.sql`${key[2]}`];
    case "tenant":
      return [Prisma.sql`${key[0]}`, Prisma.sql`${key[1]}`, Prisma.sql`${key[2]}`];
  }
}

function cursorKeyOf(sort: LicenseSortField, r: Row): CursorKey {
  switch (sort) {
    case "createdAt":
      return [r.createdAt.toISOString(), r.id];
    case "endsAt":
      return [r.endsAt.toISOString(), r.id];
    case "status":
      return [r.status, r.endsAt.toISOString(), r.id];
    case "tenant":
      return [r.tenantName, r.tenantId, r.id];
  }
}

function filters(actor: Actor, input: ListLicensesInput, now: Date): Prisma.Sql[] {
  const where: Prisma.Sql[] = [];
  const scope = tenantScope(actor);
  if (scope.tenantId) where.push(Prisma.sql`l."tenant_id" = ${scope.tenantId}`);
  if (input.tenantId) where.push(Prisma.sql`l."tenant_id" = ${input.tenantId}`);
  if (input.componentId) where.push(Prisma.sql`l."component_id" = ${input.componentId}`);
  if (input.tierId) where.push(Prisma.sql`l."tier_id" = ${input.tierId}`);
  // Effective status: an active license past its end is expired now, sweep or not.
  if (input.status === "active") where.push(Prisma.sql`l."status" = 'active' AND l."ends_at" > ${now}`);
  else if (input.status === "expired") where.push(Prisma.sql`(l."status" = 'expired' OR (l."status" = 'active' AND l."ends_at" <= ${now}))`);
  else if (input.status) where.push(Prisma.sql`l."status" = ${input.status}::"LicenseStatus"`);
  if (input.search) {
    const prefix = `${likeEscape(input.search)}%`;
    const anywhere = `%${likeEscape(input.search)}%`;
    where.push(Prisma.sql`(l."id" LIKE ${prefix}
      OR l."tenant_id" IN (SELECT "id" FROM "tenants" WHERE "name" ILIKE ${anywhere} OR "slug" ILIKE ${anywhere})
      OR l."component_id" IN (SELECT "id" FROM "components" WHERE "key" ILIKE ${prefix})
      OR l."holder_name" ILIKE ${anywhere})`);
  }
  return where;
}

export async function listLicenses(ctx: AccessContext, actor: Actor, input: ListLicensesInput): Promise<ListLicensesResponse> {
  const now = ctx.now();
  const where = filters(actor, input, now);
  const dir = input.order === "asc" ? Prisma.sql`ASC` : Prisma.sql`DESC`;
  const columns = sortColumns[input.sort];
  const page = [...where];
  if (input.cursor) {
    const key = decodeCursor(input.cursor, input.sort, input.order);
    const cmp = input.order === "asc" ? Prisma.sql`>` : Prisma.sql`<`;
    page.push(Prisma.sql`(${Prisma.join(columns)}) ${cmp} (${Prisma.join(cursorValues(input.sort, key))})`);
    // The same bound on the tenant alone lets the planner start its tenants-by-name scan at the cursor
    // instead of filtering every earlier tenant's licenses.
    if (input.sort === "tenant") page.push(Prisma.sql`(t."name", t."id") ${cmp}= (${key[0]}, ${key[1]})`);
  }
  const whereSql = (parts: Prisma.Sql[]) => (parts.length ? Prisma.sql`WHERE ${Prisma.join(parts, " AND ")}` : Prisma.empty);

  const rowsQuery = ctx.prisma.$queryRaw<Row[]>`
    SELECT l."id", l."status"::text AS "status", l."seats", l."starts_at" AS "startsAt", l."ends_at" AS "endsAt", l."created_at" AS "createdAt",
           l."holder_kind"::text AS "holderKind", l."holder_name" AS "holderName",
           t."id" AS "tenantId", t."name" AS "tenantName", t."slug" AS "tenantSlug",
           c."id" AS "componentId", c."key" AS "componentKey", c."name" AS "componentName",
           st."id" AS "tierId", st."key" AS "tierKey", st."name" AS "tierName"
    FROM "licenses" l
    JOIN "tenants" t ON t."id" = l."tenant_id"
    JOIN "components" c ON c."id" = l."component_id"
    JOIN "service_tiers" st ON st."id" = l."tier_id"
    ${whereSql(page)}
    ORDER BY ${Prisma.join(columns.map((col) => Prisma.sql`${col} ${dir}`))}
    LIMIT ${input.limit + 1}`;
  const [rows, counted] = await Promise.all([rowsQuery, countMatches(ctx, whereSql(where))]);

  const more = rows.length > input.limit;
  const shown = more ? rows.slice(0, input.limit) : rows;
  const last = shown[shown.length - 1];
  return {
    licenses: shown.map((r) => toRow(r, now)),
    nextCursor: more && last ? encodeCursor(input.sort, input.order, cursorKeyOf(input.sort, last)) : null,
    ...counted,
  };
}

/** Counting is exact up to this many matches; beyond, the planner's estimate is returned, flagged. */
export const exactCountLimit = 10_000;

/**
 * An exact count over 100 000 rows costs tens of milliseconds on every page; a capped count costs one
 * or two, and "about 81 000" is as useful to a person paging a table as the exact figure.
 */
async function countMatches(ctx: AccessContext, where: Prisma.Sql): Promise<{ total: number; totalIsEstimate: boolean }> {
  const capped = await ctx.prisma.$queryRaw<{ n: bigint }[]>`
    SELECT count(*) AS "n" FROM (SELECT 1 FROM "licenses" l ${where} LIMIT ${exactCountLimit + 1}) capped`;
  const exact = Number(capped[0]?.n ?? 0);
  if (exact <= exactCountLimit) return { total: exact, totalIsEstimate: false };
  const plan = await ctx.prisma.$queryRaw<{ "QUERY PLAN": [{ Plan: { "Plan Rows": number } }] }[]>`
    EXPLAIN (FORMAT JSON) SELECT 1 FROM "licenses" l ${where}`;
  const estimate = Math.round(plan[0]?.["QUERY PLAN"]?.[0]?.Plan?.["Plan Rows"] ?? exact);
  return { total: Math.max(estimate, exact), totalIsEstimate: true };
}

function toRow(r: Row, now: Date): LicenseRow {
  return toLicenseRow(
    {
      ...r,
      tenant: { id: r.tenantId, name: r.tenantName, slug: r.tenantSlug },
      component: { id: r.componentId, key: r.componentKey, name: r.componentName },
      tier: { id: r.tierId, key: r.tierKey, name: r.tierName },
    },
    now,
  );
}
