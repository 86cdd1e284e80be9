// Suspends a tenant with all its active licenses: the licenses the suspension suspended are marked
// (suspendedByTenant), so reinstating the tenant (reinstate-tenant.ts) brings back exactly those and a
// license suspended on its own before stays suspended. One transaction, audited for the tenant and for
// every license it touched (the license timelines say why).
import { AppError } from "../../../common/http/app-error";
import { recordEvent } from "../../outbox/record-event";
import { auditActor, type Actor } from "../actors/actor";
import type { AccessContext, RequestMeta, TransactionClient } from "../context";
import { findTenantOrThrow } from "./get-tenant";
import { toTenantDto } from "./tenant-dto";

export async function suspendTenant(ctx: AccessContext, actor: Actor, id: string, meta: RequestMeta) {
  return ctx.prisma.$transaction(async (tx) => {
    const tenant = await lockTenant(tx, actor, id);
    if (tenant.closedAt || tenant.closingDispositionId) throw closedProblem();
    if (tenant.suspendedAt) throw new AppError("conflict", "The tenant is already suspended.", { reason: "already-suspended" });
    const now = ctx.now();
    // Only licenses live now: an expired, revoked or already suspended one is left as it is.
    const live = await tx.license.findMany({ where: { tenantId: id, status: "active", endsAt: { gt: now } }, select: { id: true }, orderBy: { id: "asc" } });
    await tx.license.updateMany({ where: { id: { in: live.map((l) => l.id) } }, data: { status: "suspended", suspendedByTenant: true, statusChangedAt: now } });
    await tx.tenant.update({ where: { id }, data: { suspendedAt: now }, select: { id: true } });
    await auditTenantEvent(tx, actor, meta, "tenant.suspend", id, { licenses: live.length });
    for (const l of live) await auditLicenseEvent(tx, actor, meta, id, l.id, "license.suspend", { from: "active", to: "suspended", byTenant: true });
    return { tenant: toTenantDto(await findTenantOrThrow(tx, actor, id)), licenses: live.length };
  });
}

/** Locks the tenant row (within the actor's scope) so a suspend and a reinstate apply one after the other. */
export async function lockTenant(tx: TransactionClient, actor: Actor, id: string) {
  await tx.$queryRaw`SELECT 1 FROM "tenants" WHERE "id" = ${id} FOR UPDATE`;
  return findTenantOrThrow(tx, actor, id);
}

export const closedProblem = () => new AppError("conflict", "The tenant is closed or being closed: nothing of it can change.", { reason: "tenant-closed" });

export async function auditTenantEvent(tx: TransactionClient, actor: Actor, meta: RequestMeta, action: string, tenantId: string, data: Record<string, unknown>) {
  await recordEvent(tx, { action, outcome: "success", actor: auditActor(actor), target: { type: "tenant", id: tenantId }, tenantId, sourceIp: meta.sourceIp, requestId: meta.requestId, data });
}

export async function auditLicenseEvent(tx: TransactionClient, actor: Actor, meta: RequestMeta, tenantId: string, licenseId: string, action: string, data: Record<string, unknown>, outcome: "success" | "failure" = "success") {
  await recordEvent(tx, { action, outcome, actor: auditActor(actor), target: { type: "license", id: licenseId }, tenantId, sourceIp: meta.sourceIp, requestId: meta.requestId, data });
}
