// What the outside world sees of a tenant: dates as ISO strings, the agreement date as YYYY-MM-DD.
import type { TenantDto, TenantStatus } from "../../../../contracts/tenant-api";
import type { Tenant } from "../../generated/prisma/client";

export function toTenantDto(tenant: Tenant): TenantDto {
  return {
    id: tenant.id,
    slug: tenant.slug,
    name: tenant.name,
    kind: tenant.kind,
    districtState: tenant.districtState as TenantDto["districtState"],
    dataAgreement: tenant.dataAgreement,
    dataAgreementSignedAt: tenant.dataAgreementSignedAt ? tenant.dataAgreementSignedAt.toISOString().slice(0, 10) : null,
    status: tenantStatusOf(tenant),
    suspendedAt: tenant.suspendedAt?.toISOString() ?? null,
    closedAt: tenant.closedAt?.toISOString() ?? null,
    closingDispositionId: tenant.closingDispositionId,
    secondFactorRequired: tenant.secondFactorRequired,
    createdAt: tenant.createdAt.toISOString(),
    updatedAt: tenant.updatedAt.toISOString(),
  };
}

/** The one reading of a tenant's state from its columns: closed, being closed, suspended, else active. */
export function tenantStatusOf(tenant: Pick<Tenant, "closedAt" | "closingDispositionId" | "suspendedAt">): TenantStatus {
  return tenant.closedAt ? "closed" : tenant.closingDispositionId ? "closing" : tenant.suspendedAt ? "suspended" : "active";
}

/** A YYYY-MM-DD day as the Date Prisma stores in a `@db.Date` column (midnight UTC). */
export function dayToDate(day: string | null): Date | null {
  return day === null ? null : new Date(`${day}T00:00:00.000Z`);
}
