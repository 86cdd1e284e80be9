// Lists the tenants the actor may see (platform admins: all; others: their own), sorted by name, with
// search on name and slug and keyset pagination, so a page costs the same however deep it is.
import type { z } from "zod";
import type { listTenantsQuery } from "../../../../contracts/tenant-api";
import type { Prisma } from "../../generated/prisma/client";
import type { Actor } from "../actors/actor";
import type { AccessContext } from "../context";
import { tenantRowScope } from "./get-tenant";
import { decodeTenantCursor, encodeTenantCursor } from "./tenant-cursor";
import { toTenantDto } from "./tenant-dto";
import { likeEscape } from "../../../common/db/like-escape";

export async function listTenants(ctx: AccessContext, actor: Actor, query: z.infer<typeof listTenantsQuery>) {
  const where: Prisma.TenantWhereInput[] = [tenantRowScope(actor)];
  if (query.kind) where.push({ kind: query.kind });
  if (query.search) {
    const text = likeEscape(query.search);
    where.push({
      OR: [
        { name: { contains: text, mode: "insensitive" } },
        { slug: { contains: text, mode: "insensitive" } },
      ],
    });
  }
  if (query.cursor) {
    const after = decodeTenantCursor(query.cursor);
    where.push({ OR: [{ name: { gt: after.name } }, { name: after.name, id: { gt: after.id } }] });
  }
  const rows = await ctx.prisma.tenant.findMany({
    where: { AND: where },
    orderBy: [{ name: "asc" }, { id: "asc" }],
    take: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    tenants: page.map(toTenantDto),
    nextCursor: rows.length > query.limit && last ? encodeTenantCursor(last) : null,
  };
}
