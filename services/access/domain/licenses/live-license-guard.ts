// "One live license per tenant, component and holder", the one home of the rule (the partial unique index
// licenses_one_live_per_holder, migration 0016, backs it so no race can break it). Serialises writers for
// the holder with a transaction-scoped advisory lock, expires the holder's licenses whose term is over but
// whose stored status still reads live (as the sweep would, audited), then refuses if a live one remains.
import { describeHolder, type LicenseHolder } from "../../../../contracts/license-api";
import { AppError } from "../../../common/http/app-error";
import { recordEvent } from "../../outbox/record-event";
import type { TransactionClient } from "../context";

export type HeldLicense = { tenantId: string; componentId: string; holder: LicenseHolder };

const liveIndex = "licenses_one_live_per_holder";

export async function assertNoOtherLiveLicense(tx: TransactionClient, license: HeldLicense, exceptId: string | null, now: Date) {
  const { tenantId, componentId, holder } = license;
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`license-live:${tenantId}:${componentId}:${holder.kind}:${holder.name}`}, 0))`;
  const others = await tx.license.findMany({
    where: {
      tenantId,
      componentId,
      holderKind: holder.kind,
      holderName: holder.name,
      status: { in: ["active", "suspended"] },
      ...(exceptId ? { id: { not: exceptId } } : {}),
    },
    select: { id: true, status: true, endsAt: true, component: { select: { key: true } } },
  });
  const live = others.find((l) => l.endsAt > now);
  if (live) throw liveLicenseExists(holder, live.component.key, live.id);
  for (const overdue of others) {
    // Conditional, so that a sweep expiring it at the same moment leaves one license.expire, not two.
    const { count } = await tx.license.updateMany({ where: { id: overdue.id, status: overdue.status }, data: { status: "expired", statusChangedAt: now } });
    if (count === 0) continue;
    await recordEvent(tx, {
      action: "license.expire",
      outcome: "success",
      actor: { type: "service", id: "access", label: "live-license guard" },
      target: { type: "license", id: overdue.id },
      tenantId,
      sourceIp: null,
      requestId: null,
      data: { from: overdue.status, to: "expired", endsAt: overdue.endsAt.toISOString() },
    });
  }
}

/** The 409 for a second live license, naming the one that exists. */
export function liveLicenseExists(holder: LicenseHolder, componentKey: string, existingId: string | null): AppError {
  const which = existingId ?? "another request made it just now";
  const detail = `${describeHolder(holder)} already has a live ${componentKey} license in this tenant (${which}); revoke it, or let it expire, before another.`;
  // Also a field message, so the create form says it beside the holder it is about.
  return new AppError("conflict", detail, { reason: "license-exists", fieldErrors: { "holder.name": [detail] } });
}

/** A write that reached the database index anyway (a writer that bypassed the guard): the same 409. */
export function isLiveLicenseViolation(error: unknown): boolean {
  if (typeof error !== "object" || error === null || (error as { code?: unknown }).code !== "P2002") return false;
  return JSON.stringify((error as { meta?: unknown }).meta ?? {}).includes(liveIndex) || String((error as Error).message).includes(liveIndex);
}
