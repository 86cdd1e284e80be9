// Suspend, reinstate, renew, change tier, revoke: locks the license row (within the actor's tenant),
// applies the pure transition rules, writes the result and audits it with from/to, in one transaction.
// A change of tier follows the rules of creation for an active license: it is refused (409
// tier-change-blocked) if the tier would leave it no scope, fewer seats than it has in use, or a token
// pool above the tier's cap; otherwise its seats are lowered to the tier's if they were above.
import type { LicenseAction, LicenseStatus } from "../../../../contracts/license-api";
import { AppError } from "../../../common/http/app-error";
import { recordEvent } from "../../outbox/record-event";
import { auditActor, tenantScope, type Actor } from "../actors/actor";
import type { AccessContext, RequestMeta, TransactionClient } from "../context";
import { breachesOfTierChange, describeBreaches } from "../tiers/tier-license-breaches";
import { tierScopeKeys, tierScopesInclude } from "../tiers/tier-scope-keys";
import { licenseNotFound, loadLicenseDetail } from "./get-license";
import { assertNoOtherLiveLicense, isLiveLicenseViolation, liveLicenseExists } from "./live-license-guard";
import { assertNotRevoked, auditActionFor, effectiveStatus, isLive, planLicenseAction, type ActionInput } from "./license-transitions";

export type ChangeRequest =
  | { action: "suspend" | "reinstate" | "revoke" }
  | { action: "renew"; endsAt: string }
  | { action: "change-tier"; tierId: string };

export async function changeLicense(ctx: AccessContext, actor: Actor, id: string, request: ChangeRequest, meta: RequestMeta) {
  const scope = tenantScope(actor);
  return ctx.prisma.$transaction(async (tx) => {
    // Lock first so concurrent actions on one license apply one after another, each seeing the last.
    const locked = await tx.$queryRaw<{ id: string }[]>`SELECT "id" FROM "licenses" WHERE "id" = ${id} FOR UPDATE`;
    const current = locked.length
      ? await tx.license.findFirst({
          where: { id, ...scope },
          select: { id: true, tenantId: true, componentId: true, holderKind: true, holderName: true, status: true, endsAt: true, tierId: true, seats: true, component: { select: { key: true } } },
        })
      : null;
    if (!current) throw licenseNotFound();

    const now = ctx.now();
    assertNotRevoked(current);
    const input = await actionInput(tx, request);
    const next = planLicenseAction(current, input, now);
    if (request.action === "change-tier") await assertTierChangeAllowed(tx, current.id, request.tierId, now);
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

async function actionInput(tx: TransactionClient, request: ChangeRequest): Promise<ActionInput> {
  if (request.action === "renew") return { action: "renew", endsAt: new Date(request.endsAt) };
  if (request.action !== "change-tier") return { action: request.action };
  const tier = await tx.serviceTier.findUnique({ where: { id: request.tierId }, select: { id: true, seats: true } });
  if (!tier) throw new AppError("validation-failed", "The request has invalid fields.", { fieldErrors: { tierId: ["No such tier."] } });
  return { action: "change-tier", tier };
}

async function assertTierChangeAllowed(tx: TransactionClient, licenseId: string, tierId: string, now: Date): Promise<void> {
  const tier = await tx.serviceTier.findUniqueOrThrow({ where: { id: tierId }, select: { name: true, seats: true, tokensPerLicense: true, heartbeatWindowMinutes: true, ...tierScopesInclude } });
  const limits = { ...tier, scopes: tierScopeKeys(tier) };
  const blocking = await breachesOfTierChange(tx, licenseId, limits, now);
  if (blocking) {
    throw new AppError("conflict", `Moving this license to ${tier.name} would leave it breaking the tier's rules: ${describeBreaches([blocking], limits)}.`, { reason: "tier-change-blocked" });
  }
}

type Term = { endsAt: Date; tierId: string; seats: number };

function details(action: LicenseAction, before: Term, after: Term): Record<string, string | number> {
  if (action === "renew") return { fromEndsAt: before.endsAt.toISOString(), toEndsAt: after.endsAt.toISOString() };
  if (action === "change-tier") return { fromTierId: before.tierId, toTierId: after.tierId, fromSeats: before.seats, toSeats: after.seats };
  return {};
}
