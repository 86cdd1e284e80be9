// What callers see of a license: never the key, its ciphertext or digest; the status is the effective one.
import type { LicenseDetail, LicenseHolderKind, LicenseRow, LicenseStatus } from "../../../../contracts/license-api";
import { effectiveStatus } from "./license-transitions";

/** Prisma `select` for a license page: everything shown, nothing secret. */
export const licenseDetailSelect = {
  id: true,
  status: true,
  seats: true,
  startsAt: true,
  endsAt: true,
  createdAt: true,
  updatedAt: true,
  statusChangedAt: true,
  importSource: true,
  holderKind: true,
  holderName: true,
  requestsPerMinute: true,
  tierId: true,
  componentId: true,
  tenantId: true,
  tenant: { select: { id: true, name: true, slug: true, kind: true } },
  component: { select: { id: true, key: true, name: true } },
  tier: { select: { id: true, key: true, name: true, seats: true, requestsPerMinute: true } },
} as const;

type RowSource = {
  id: string;
  status: LicenseStatus;
  seats: number;
  startsAt: Date;
  endsAt: Date;
  createdAt: Date;
  holderKind: LicenseHolderKind;
  holderName: string;
  tenant: LicenseRow["tenant"];
  component: LicenseRow["component"];
  tier: LicenseRow["tier"];
};

export function toLicenseRow(l: RowSource, now: Date): LicenseRow {
  return {
    id: l.id,
    tenant: { id: l.tenant.id, name: l.tenant.name, slug: l.tenant.slug },
    component: { id: l.component.id, key: l.component.key, name: l.component.name },
    tier: { id: l.tier.id, key: l.tier.key, name: l.tier.name },
    holder: { kind: l.holderKind, name: l.holderName },
    status: effectiveStatus(l, now),
    seats: l.seats,
    startsAt: l.startsAt.toISOString(),
    endsAt: l.endsAt.toISOString(),
    createdAt: l.createdAt.toISOString(),
  };
}

type DetailSource = RowSource & {
  tenant: LicenseDetail["tenant"];
  tier: LicenseDetail["tier"];
  updatedAt: Date;
  statusChangedAt: Date;
  importSource: string | null;
  requestsPerMinute: number | null;
};

export function toLicenseDetail(l: DetailSource, scopes: string[], now: Date): LicenseDetail {
  return {
    ...toLicenseRow(l, now),
    tenant: { id: l.tenant.id, name: l.tenant.name, slug: l.tenant.slug, kind: l.tenant.kind },
    tier: { id: l.tier.id, key: l.tier.key, name: l.tier.name, seats: l.tier.seats, requestsPerMinute: l.tier.requestsPerMinute },
    requestsPerMinute: l.requestsPerMinute,
    scopes,
    statusChangedAt: l.statusChangedAt.toISOString(),
    updatedAt: l.updatedAt.toISOString(),
    importSource: l.importSource,
  };
}
