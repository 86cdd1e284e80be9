// Suspend, reinstate, renew, change tier, revoke: locks the license row (within the actor's tenant),
// applies the pure transition rules, writes the result and audits it with from/to, in one transaction.
// A license follows its tenant: reinstate and renew are refused (409 tenant-not-active) while the tenant
// is suspended, being closed or closed; suspend and revoke stay allowed (active-tenant-guard.ts).
// A change of tier follows the rules of creation for an active license: it is refused (409
// tier-change-blocked) if the tier would leave it no scope, fewer seats than it has in use, or a token
// pool above the tier's cap; otherwise its seats are lowered to the tier's if they were above. Reinstating
// a suspended license holds it to the same rules against its tier as it is now (409 reinstate-blocked):
// a suspended license does not hold back a tier edit or its own move, so either may have happened meanwhile.
import type { LicenseAction, LicenseStatus } from "../../../../contracts/license-api";
import { recordEvent } from "../../outbox/record-event";
import { auditActor, tenantScope, type Actor } from "../actors/actor";
import type { AccessContext, RequestMeta, TransactionClient } from "../context";
import { assertTenantTakesLicenses, lockTenantForLicenses, tenantStateSelect } from "./active-tenant-guard";
import { licenseNotFound, loadLicenseDetail } from "./get-license";
import { assertNoOtherLiveLicense, isLiveLicenseViolation, liveLicenseExists } from "./live-license-guard";
import { assertNotRevoked, auditActionFor, effectiveStatus, isLive, planLicenseAction, type ActionInput } from "./license-transitions";
import type { NamedTierLimits } from "../tiers/tier-license-breaches";
import { loadTierOrThrow, reinstateBlocked, reinstatementBlocks, tierChangeBlock, tierChangeBlocked } from "./tier-change-rules";

export type ChangeRequest =
  | { action: "suspend" | "reinstate" | "revoke" }
  | { action: "renew"; endsAt: string }
  | { action: "change-tier"; tierId: string };

export async function changeLicense(ctx: AccessContext, actor: Actor, id: string, request: ChangeRequest, meta: RequestMeta) {
  const scope = tenantScope(actor);
  return ctx.prisma.$transaction(async (tx) => {
    // The tenant's row before the license's: the order a tenant suspend or reinstate locks them in, so the
    // two never deadlock, and the tenant's state cannot change under this action (active-tenant-guard.ts).
    const owner = await tx.license.findFirst({ where: { id, ...scope }, select: { tenantId: true } });
    if (!owner) throw licenseNotFound();
    await lockTenantForLicenses(tx, owner.tenantId);
    // Lock so concurrent actions on one license apply one after another, each seeing the last.
    await tx.$queryRaw`SELECT "id" FROM "licenses" WHERE "id" = ${id} FOR UPDATE`;
    const current = await tx.license.findUniqueOrThrow({
      where: { id },
      select: { id: true, tenantId: true, componentId: true, holderKind: true, holderName: true, status: true, endsAt: true, tierId: true, seats: true, component: { select: { key: true } }, tier: { select: { seats: true } }, tenant: { select: tenantStateSelect } },
    });

    const now = ctx.now();
    assertNotRevoked(current);
    if (request.action === "reinstate" || request.action === "renew") assertTenantTakesLicenses(current.tenant, request.action);
    const { input, newTier } = await actionInput(tx, request, current.tier.seats);
    const next = planLicenseAction(current, input, now);
    if (newTier) {
      const block = await tierChangeBlock(tx, current.id, newTier, now);
      if (block) throw tierChangeBlocked(block);
    }
    if (request.action === "reinstate" && next.status === "active") {
      const [block] = await reinstatementBlocks(tx, [current.id], now);
      if (block) throw reinstateBlocked(block);
    }
    if (!isLive(current, now) && isLive(next, now)) {
      const holder = { kind: current.holderKind, name: current.holderName };
      await assertNoOtherLiveLicense(tx, { tenantId: current.tenantId, componentId: current.componentId, holder }, current.id, now);
    }
    const from: LicenseStatus = effectiveStatus(current, now);
    await tx.license
      .update({
        where: { id },
        data: {
          status: next.status,
          endsAt: next.endsAt,
          tierId: next.tierId,
          seats: next.seats,
          ...(next.status !== current.status ? { statusChangedAt: now } : {}),
        },
        select: { id: true },
      })
      .catch((e: unknown) => {
        // The index caught a writer that bypassed the guard: the same 409.
        if (isLiveLicenseViolation(e)) throw liveLicenseExists({ kind: current.holderKind, name: current.holderName }, current.component.key, null);
        throw e;
      });
    await recordEvent(tx, {
      action: auditActionFor[request.action],
      outcome: "success",
      actor: auditActor(actor),
      target: { type: "license", id },
      tenantId: current.tenantId,
      sourceIp: meta.sourceIp,
      requestId: meta.requestId,
      data: { from, to: next.status, ...details(request.action, current, next) },
    });
    return { license: await loadLicenseDetail(tx, actor, id, now) };
  });
}

/** The request as the pure rules take it (`tierSeats`: the seats the license's tier allows now), and the tier a change of tier names. */
async function actionInput(tx: TransactionClient, request: ChangeRequest, tierSeats: number): Promise<{ input: ActionInput; newTier: NamedTierLimits | null }> {
  if (request.action === "change-tier") {
    const tier = await loadTierOrThrow(tx, request.tierId);
    return { input: { action: "change-tier", tier }, newTier: tier };
  }
  if (request.action === "renew") return { input: { action: "renew", endsAt: new Date(request.endsAt) }, newTier: null };
  if (request.action === "reinstate") return { input: { action: "reinstate", tierSeats }, newTier: null };
  return { input: { action: request.action }, newTier: null };
}

type Term = { endsAt: Date; tierId: string; seats: number };

function details(action: LicenseAction, before: Term, after: Term): Record<string, string | number> {
  if (action === "renew") return { fromEndsAt: before.endsAt.toISOString(), toEndsAt: after.endsAt.toISOString() };
  if (action === "reinstate" && after.seats !== before.seats) return { fromSeats: before.seats, toSeats: after.seats };
  if (action === "change-tier") return { fromTierId: before.tierId, toTierId: after.tierId, fromSeats: before.seats, toSeats: after.seats };
  return {};
}
