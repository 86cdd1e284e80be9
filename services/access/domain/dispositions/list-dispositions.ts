// The disposition requests a person may see: their district's (platform administrators: every district's,
// or one's), newest first, a page at a time, optionally searched; and one request by id (another district's is not found).
import type { ListDispositionsResponse } from "../../../../contracts/disposition-api";
import type { Prisma } from "../../generated/prisma/client";
import { tenantScope, type Actor } from "../actors/actor";
import type { AccessContext } from "../context";
import { likeEscape } from "../../../common/db/like-escape";
import { dispositionNotFound, dispositionSelect, tenantsOf, toDispositionDto } from "./disposition-dto";

export async function listDispositions(ctx: AccessContext, actor: Actor, query: { tenantId?: string; search?: string; page: number; pageSize: number }): Promise<ListDispositionsResponse> {
  // Every filter holds: a district's person asking for another district's requests gets none, whatever the search.
  const where = { AND: [query.tenantId ? { tenantId: query.tenantId } : {}, tenantScope(actor), query.search ? await searchWhere(ctx, query.search) : {}] };
  const [rows, total] = await Promise.all([
    ctx.prisma.dispositionRequest.findMany({ where, orderBy: [{ createdAt: "desc" }, { id: "desc" }], skip: (query.page - 1) * query.pageSize, take: query.pageSize, select: dispositionSelect }),
    ctx.prisma.dispositionRequest.count({ where }),
  ]);
  const tenants = await tenantsOf(ctx.prisma, rows);
  return { dispositions: rows.map((r) => toDispositionDto(r, tenants.get(r.tenantId))), total, page: query.page, pageSize: query.pageSize };
}

export async function getDisposition(ctx: AccessContext, actor: Actor, id: string) {
  const row = await ctx.prisma.dispositionRequest.findFirst({ where: { id, ...tenantScope(actor) }, select: dispositionSelect });
  if (!row) throw dispositionNotFound();
  return { disposition: toDispositionDto(row, (await tenantsOf(ctx.prisma, [row])).get(row.tenantId)) };
}

/**
 * A request matches when the text is part of its id, the requester's e-mail, its reason, one of its
 * components' names or keys, or its district's name or slug (case-insensitive), or is one of its student
 * ids exactly (pseudonymous ids are looked up whole, as in the record of disclosures).
 */
async function searchWhere(ctx: AccessContext, search: string): Promise<Prisma.DispositionRequestWhereInput> {
  const contains = { contains: likeEscape(search), mode: "insensitive" as const };
  const districts = await ctx.prisma.tenant.findMany({ where: { kind: "district", OR: [{ name: contains }, { slug: contains }] }, select: { id: true } });
  return {
    OR: [
      { id: contains },
      { requestedBy: contains },
      { reason: contains },
      { studentIds: { has: search } },
      { parts: { some: { OR: [{ componentName: contains }, { componentKey: contains }] } } },
      ...(districts.length ? [{ tenantId: { in: districts.map((d) => d.id) } }] : []),
    ],
  };
}
