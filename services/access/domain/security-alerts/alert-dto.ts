// An alert row (with its responses) as the API answers it.
import type { SecurityAlertDto } from "../../../../contracts/security-alert-api";

type Row = {
  id: string; kind: string; principalKind: string; principalId: string; tenantId: string | null; source: string;
  evidence: unknown; baseline: unknown; state: string; occurredAt: Date; createdAt: Date; decidedAt: Date | null;
  responses: { id: string; kind: string; state: string; target: unknown; createdAt: Date; reversedAt: Date | null }[];
};

export const alertInclude = { responses: { orderBy: { createdAt: "asc" as const } } };

export function toAlertDto(r: Row): SecurityAlertDto {
  return {
    id: r.id,
    kind: r.kind as SecurityAlertDto["kind"],
    principalKind: r.principalKind as SecurityAlertDto["principalKind"],
    principalId: r.principalId,
    tenantId: r.tenantId,
    source: r.source as SecurityAlertDto["source"],
    evidence: r.evidence as Record<string, unknown>,
    baseline: r.baseline as Record<string, unknown>,
    state: r.state as SecurityAlertDto["state"],
    occurredAt: r.occurredAt.toISOString(),
    createdAt: r.createdAt.toISOString(),
    decidedAt: r.decidedAt?.toISOString() ?? null,
    responses: r.responses.map((x) => ({
      id: x.id, kind: x.kind as SecurityAlertDto["responses"][number]["kind"], state: x.state as SecurityAlertDto["responses"][number]["state"],
      target: x.target as Record<string, unknown>, createdAt: x.createdAt.toISOString(), reversedAt: x.reversedAt?.toISOString() ?? null,
    })),
  };
}
