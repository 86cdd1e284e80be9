// "One live license per tenant and component": serialises writers for the pair with a transaction-scoped
// advisory lock, then looks for another live one (active or suspended, term not over).
import { AppError } from "../../../common/http/app-error";
import type { TransactionClient } from "../context";

export async function assertNoOtherLiveLicense(tx: TransactionClient, tenantId: string, componentId: string, exceptId: string | null, now: Date) {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`license-live:${tenantId}:${componentId}`}, 0))`;
  const other = await tx.license.findFirst({
    where: { tenantId, componentId, status: { in: ["active", "suspended"] }, endsAt: { gt: now }, ...(exceptId ? { id: { not: exceptId } } : {}) },
    select: { id: true },
  });
  if (other) {
    throw new AppError("conflict", `The tenant already has a live license for this component (${other.id}).`, { reason: "license-exists" });
  }
}
