// A license follows its tenant: none may be created, reinstated or renewed while the tenant is suspended,
// being closed or closed (409 tenant-not-active, naming the state). Suspending and revoking a license
// stay allowed. The tenant row is read under FOR KEY SHARE, which waits for a tenant suspend, reinstate
// or close in flight (they lock it FOR UPDATE) and holds them off until this transaction ends, so no
// license goes live in a tenant that is being suspended at the same moment. Reinstating a tenant brings
// its licenses back itself (suspend-tenant.ts), after the tenant is active again, not through here.
import type { LicenseConflictReason } from "../../../../contracts/license-api";
import type { TenantStatus } from "../../../../contracts/tenant-api";
import { AppError } from "../../../common/http/app-error";
import type { TransactionClient } from "../context";
import { tenantStatusOf } from "../tenants/tenant-dto";

export type TenantBoundAction = "create" | "reinstate" | "renew";

const verbs: Record<TenantBoundAction, string> = { create: "created", reinstate: "reinstated", renew: "renewed" };

const stateWords: Record<Exclude<TenantStatus, "active">, string> = {
  suspended: "is suspended: reinstate the tenant first (its licenses the suspension suspended come back with it)",
  closing: "is being closed (its all-data disposition request is under way)",
  closed: "is closed",
};

/** What of a tenant the guard reads (select it after taking the lock). */
export const tenantStateSelect = { name: true, suspendedAt: true, closingDispositionId: true, closedAt: true } as const;

/** Locks the tenant row against a concurrent suspend, reinstate or close until the transaction ends (a missing row locks nothing). */
export async function lockTenantForLicenses(tx: TransactionClient, tenantId: string): Promise<void> {
  await tx.$queryRaw`SELECT 1 FROM "tenants" WHERE "id" = ${tenantId} FOR KEY SHARE`;
}

/** Refuses `action` unless the tenant is active. */
export function assertTenantTakesLicenses(tenant: { name: string; suspendedAt: Date | null; closingDispositionId: string | null; closedAt: Date | null }, action: TenantBoundAction): void {
  const status = tenantStatusOf(tenant);
  if (status === "active") return;
  const reason: LicenseConflictReason = "tenant-not-active";
  throw new AppError("conflict", `No license can be ${verbs[action]} for ${tenant.name}: the tenant ${stateWords[status]}.`, { reason });
}
