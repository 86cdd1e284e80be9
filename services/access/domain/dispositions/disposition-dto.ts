// A disposition request as the console shows it: its district, parts, what is awaited, Tessera's part.
import type { DispositionDto, DispositionScope, TesseraEvidence } from "../../../../contracts/disposition-api";
import { AppError } from "../../../common/http/app-error";
import type { AccessPrisma } from "../../db/prisma";
import type { TransactionClient } from "../context";

export const dispositionSelect = {
  id: true, tenantId: true, scope: true, studentIds: true, reason: true, requestedBy: true, createdAt: true,
  tesseraDoneAt: true, tesseraEvidence: true, completedAt: true, certificate: true, auditEventIds: true,
  parts: { orderBy: { componentKey: "asc" } },
} as const;

type Row = {
  id: string; tenantId: string; scope: string; studentIds: string[]; reason: string; requestedBy: string; createdAt: Date;
  tesseraDoneAt: Date | null; tesseraEvidence: unknown; completedAt: Date | null; certificate: string | null; auditEventIds: string[];
  parts: { componentId: string; componentKey: string; componentName: string; acknowledgedAt: Date | null; acknowledgedBy: string | null; statement: string | null }[];
};

export const dispositionNotFound = () => new AppError("not-found", "No such disposition request.");

/** The districts named by these rows, by id (requests copy no tenant fields: names may change). */
export async function tenantsOf(db: Pick<AccessPrisma | TransactionClient, "tenant">, rows: { tenantId: string }[]) {
  const tenants = await db.tenant.findMany({ where: { id: { in: [...new Set(rows.map((r) => r.tenantId))] } }, select: { id: true, name: true, slug: true } });
  return new Map(tenants.map((t) => [t.id, t]));
}

export function toDispositionDto(row: Row, tenant: { id: string; name: string; slug: string } | undefined): DispositionDto {
  return {
    id: row.id,
    tenant: tenant ?? { id: row.tenantId, name: row.tenantId, slug: row.tenantId },
    scope: row.scope as DispositionScope,
    studentIds: row.studentIds,
    reason: row.reason,
    requestedBy: row.requestedBy,
    createdAt: row.createdAt.toISOString(),
    state: row.completedAt ? "complete" : "awaiting-components",
    parts: row.parts.map((p) => ({
      componentId: p.componentId,
      componentKey: p.componentKey,
      componentName: p.componentName,
      acknowledgedAt: p.acknowledgedAt?.toISOString() ?? null,
      acknowledgedBy: p.acknowledgedBy,
      statement: p.statement,
    })),
    awaiting: row.parts.filter((p) => !p.acknowledgedAt).map((p) => p.componentName),
    tessera: { doneAt: row.tesseraDoneAt?.toISOString() ?? null, evidence: (row.tesseraEvidence as TesseraEvidence | null) ?? null },
    completedAt: row.completedAt?.toISOString() ?? null,
    hasCertificate: row.certificate !== null,
    auditEventIds: row.auditEventIds,
  };
}
