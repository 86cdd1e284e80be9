// The disposition requests a person may see: their district's (platform administrators: every district's,
// or one's), newest first, a page at a time; and one request by id (another district's is not found).
import type { ListDispositionsResponse } from "../../../../contracts/disposition-api";
import { tenantScope, type Actor } from "../actors/actor";
import type { AccessContext } from "../context";
import { dispositionNotFound, dispositionSelect, tenantsOf, toDispositionDto } from "./disposition-dto";

export async function listDispositions(ctx: AccessContext, actor: Actor, query: { tenantId?: string; page: number; pageSize: number }): Promise<ListDispositionsResponse> {
  // Both filters hold: a district's person asking for another district's requests gets none.
  const where = { AND: [query.tenantId ? { tenantId: query.tenantId } : {}, tenantScope(actor)] };
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
