// What the filing form offers: the districts the person may file for (platform administrators: every
// district; a district's people: their own) and the chosen district's licensed components.
import type { DispositionOptionsResponse } from "../../../../contracts/disposition-api";
import { tenantScope, type Actor } from "../actors/actor";
import type { AccessContext } from "../context";

export async function dispositionOptions(ctx: AccessContext, actor: Actor, query: { tenantId?: string }): Promise<DispositionOptionsResponse> {
  const scope = tenantScope(actor);
  const districts = await ctx.prisma.tenant.findMany({ where: { kind: "district", ...(scope.tenantId ? { id: scope.tenantId } : {}) }, select: { id: true, name: true, slug: true }, orderBy: [{ name: "asc" }, { id: "asc" }], take: 500 });
  const tenantId = scope.tenantId ?? query.tenantId;
  const chosen = tenantId && districts.some((d) => d.id === tenantId) ? tenantId : null;
  const components = chosen
    ? await ctx.prisma.component.findMany({ where: { licenses: { some: { tenantId: chosen } } }, select: { id: true, key: true, name: true }, orderBy: { key: "asc" } })
    : [];
  return { districts, components };
}
