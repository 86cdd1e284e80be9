// The audit trail of refusals apart from every other event — the policy hook's ("authz.refuse"), a
// component's refused revocation ("token.revoke", outcome failure) and a refused scanner report
// ("token.leak_batch", outcome failure) — so a test can prove both halves of "a refusal is audited and
// nothing else changes".
import type { AccessHarness } from "./start-access-service";

export const refusalAction = "authz.refuse";

export type RefusalEvent = {
  action: string;
  outcome: string;
  actor: { type: string; id: string | null; label: string | null };
  target: { type: string; id: string } | null;
  tenantId: string | null;
  sourceIp: string | null;
  requestId: string | null;
  data: { service: string; caller: string; reason: string; status: number; suppressedBefore: number; windowSeconds: number };
};

export type RevokeRefusalEvent = Omit<RefusalEvent, "data"> & { data: { reason: string; via: string; licenseId?: string; suppressedBefore: number; windowSeconds: number } };

const isRefusal = { payload: { path: ["action"], equals: refusalAction } };
const isRevokeRefusal = { AND: [{ payload: { path: ["action"], equals: "token.revoke" } }, { payload: { path: ["outcome"], equals: "failure" } }] };
const isLeakReportRefusal = { AND: [{ payload: { path: ["action"], equals: "token.leak_batch" } }, { payload: { path: ["outcome"], equals: "failure" } }] };
const notRefusal = { NOT: { OR: [isRefusal, isRevokeRefusal, isLeakReportRefusal] } };

/** Events that record a read, not a change: an export or a leaked-token lookup (who took or looked at what). */
export const readRecordActions = ["audit.export", "license.export", "tenant.export", "token.export", "token.lookup"];

/** Outbox events other than refusals (and, with `ignoreReads`, other than read records): what a refused request must leave unchanged. */
export function changeEventCount(h: AccessHarness, options: { ignoreReads?: boolean } = {}): Promise<number> {
  return h.prisma.outboxEvent.count({ where: options.ignoreReads ? { AND: [notRefusal, ...readRecordActions.map((action) => ({ NOT: { payload: { path: ["action"], equals: action } } }))] } : notRefusal });
}

/** The policy's refusal events in the outbox, oldest first. */
export async function refusalEvents(h: AccessHarness): Promise<RefusalEvent[]> {
  const rows = await h.prisma.outboxEvent.findMany({ where: isRefusal, orderBy: { createdAt: "asc" } });
  return rows.map((row) => row.payload as RefusalEvent);
}

/** The refused revocations in the outbox, oldest first. */
export async function revokeRefusalEvents(h: AccessHarness): Promise<RevokeRefusalEvent[]> {
  const rows = await h.prisma.outboxEvent.findMany({ where: isRevokeRefusal, orderBy: { createdAt: "asc" } });
  return rows.map((row) => row.payload as RevokeRefusalEvent);
}
