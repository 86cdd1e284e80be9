// Lists the people of one tenant the actor may see, removed ones included (marked), sorted by name.
import { tenantScope, type Actor } from "../actors/actor";
import type { AccessContext } from "../context";
import { findTenantOrThrow } from "../tenants/get-tenant";
import { toMemberDto } from "./member-dto";

export async function listMembers(ctx: AccessContext, actor: Actor, tenantId: string) {
  await findTenantOrThrow(ctx.prisma, actor, tenantId);
  const users = await ctx.prisma.user.findMany({
    where: { AND: [{ tenantId }, tenantScope(actor)] },
    orderBy: [{ name: "asc" }, { id: "asc" }],
  });
  return { members: users.map(toMemberDto) };
}
