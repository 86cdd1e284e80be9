// An import follows its tenant's state, as every license does: nothing is imported into a tenant that is
// being closed or is closed; into a suspended tenant a license the source has live (active) is written
// suspended and marked suspendedByTenant, as the tenant's suspension marks its own (tenants/suspend-tenant.ts),
// so reinstating the tenant brings it back with the others — and a sync never reactivates a license while
// its tenant is suspended. A license the source itself turns inactive is suspended on its own account: its
// mark is cleared, so the tenant's reinstatement leaves it suspended. Pure, unit-tested.
import type { LicenseStatus } from "../../../../contracts/license-api";

export type TenantImportState = { slug: string; suspendedAt: Date | null; closedAt: Date | null; closingDispositionId: string | null };

/** Throws a sentence for a tenant that takes no import; returns whether it is suspended. */
export function tenantSuspendedForImport(tenant: TenantImportState): boolean {
  if (tenant.closedAt) throw new Error(`The tenant "${tenant.slug}" is closed: nothing can be imported into it.`);
  if (tenant.closingDispositionId) throw new Error(`The tenant "${tenant.slug}" is being closed (disposition ${tenant.closingDispositionId}): nothing can be imported into it.`);
  return tenant.suspendedAt !== null;
}

/** What is written: the status, and the tenant-suspension mark (undefined: left as it is). */
export type PlacedStatus = { status: LicenseStatus; suspendedByTenant: boolean | undefined };

/** A new license's status in its tenant. */
export function placeNewLicense(status: LicenseStatus, tenantSuspended: boolean): PlacedStatus {
  if (tenantSuspended && status === "active") return { status: "suspended", suspendedByTenant: true };
  return { status, suspendedByTenant: false };
}

/**
 * A synced license's status in its tenant: `to` as the sync plans it, `held` its mark now, `sourceActive`
 * what the row says. Suspended while the source is active and the license was suspended by the tenant: still
 * the tenant's doing, the mark stays.
 */
export function placeSyncedLicense(to: LicenseStatus, held: { suspendedByTenant: boolean }, sourceActive: boolean, tenantSuspended: boolean): PlacedStatus {
  if (to === "active" && tenantSuspended) return { status: "suspended", suspendedByTenant: true };
  if (to === "suspended" && held.suspendedByTenant && !sourceActive) return { status: "suspended", suspendedByTenant: false };
  return { status: to, suspendedByTenant: undefined };
}
