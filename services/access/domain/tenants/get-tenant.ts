// Finds a tenant the actor may see. The tenant filter is part of the query, so another tenant's id is
// simply not found (404), exactly like an id that does not exist.
import { AppError } from "../../../common/http/app-error";
import { tenantScope, type Actor } from "../actors/actor";
import type { AccessContext, TransactionClient } from "../context";
import { toTenantDto } from "./tenant-dto";

/** `where` fragment for the tenants table itself: the actor's own tenant row, or every row for platform admins. */
export function tenantRowScope(actor: Actor): { id?: string } {
  const scope = tenantScope(actor);
  return scope.tenantId ? { id: scope.tenantId } : {};
}

export async function findTenantOrThrow(db: AccessContext["prisma"] | TransactionClient, actor: Actor, id: string) {
  const tenant = await db.tenant.findFirst({ where: { AND: [{ id }, tenantRowScope(actor)] } });
  if (!tenant) throw new AppError("not-found", "No such tenant.", { reason: "tenant-not-found" });
  return tenant;
}

export async function getTenant(ctx: AccessContext, actor: Actor, id: string) {
  return { tenant: toTenantDto(await findTenantOrThrow(ctx.prisma, actor, id)) };
}
