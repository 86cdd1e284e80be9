// Creates a license: checks tenant (it must be active: active-tenant-guard.ts), component and tier, the tier's seat limit and "one live license per
// tenant, component and holder"; generates the key, stores only its ciphertext and digest, and audits.
import { tenantWideHolder, type CreateLicenseRequest } from "../../../../contracts/license-api";
import { AppError } from "../../../common/http/app-error";
import { recordEvent } from "../../outbox/record-event";
import { auditActor, tenantScope, type Actor } from "../actors/actor";
import type { AccessContext, RequestMeta } from "../context";
import { newId } from "../secrets/ids";
import { loadLicenseDetail } from "./get-license";
import { liveDataKey } from "../../keys/tenant-data-keys";
import { digestLicenseKey, generateLicenseKey, sealLicenseKeyUnder } from "./license-key";
import { assertTenantTakesLicenses, lockTenantForLicenses, tenantStateSelect } from "./active-tenant-guard";
import { assertNoOtherLiveLicense, isLiveLicenseViolation, liveLicenseExists } from "./live-license-guard";

const invalidField = (field: string, message: string) =>
  new AppError("validation-failed", "The request has invalid fields.", { fieldErrors: { [field]: [message] } });

export async function createLicense(ctx: AccessContext, actor: Actor, input: CreateLicenseRequest, meta: RequestMeta) {
  const scope = tenantScope(actor);
  const now = ctx.now();
  const startsAt = new Date(input.startsAt);
  const endsAt = new Date(input.endsAt);
  if (endsAt <= now) throw invalidField("endsAt", "The end must be in the future.");

  return ctx.prisma.$transaction(async (tx) => {
    await lockTenantForLicenses(tx, input.tenantId);
    const [tenant, component, tier] = await Promise.all([
      tx.tenant.findFirst({ where: { id: scope.tenantId ?? input.tenantId, AND: { id: input.tenantId } }, select: { id: true, slug: true, ...tenantStateSelect } }),
      tx.component.findUnique({ where: { id: input.componentId }, select: { id: true, key: true, retiredAt: true } }),
      tx.serviceTier.findUnique({ where: { id: input.tierId }, select: { id: true, seats: true } }),
    ]);
    if (!tenant) throw invalidField("tenantId", "No such tenant.");
    assertTenantTakesLicenses(tenant, "create");
    if (!component) throw invalidField("componentId", "No such component.");
    if (component.retiredAt) throw invalidField("componentId", "This component is retired: no new license may use it.");
    if (!tier) throw invalidField("tierId", "No such tier.");
    const grants = await tx.tierScope.count({ where: { tierId: tier.id, scope: { componentId: component.id } } });
    if (grants === 0) throw invalidField("tierId", "This tier grants no scope of this component.");
    const seats = input.seats ?? tier.seats;
    if (seats > tier.seats) throw invalidField("seats", `This tier allows at most ${tier.seats} seats.`);

    const holder = input.holder ?? tenantWideHolder(tenant.slug);
    await assertNoOtherLiveLicense(tx, { tenantId: tenant.id, componentId: component.id, holder }, null, now);
    const id = newId("lic");
    const key = generateLicenseKey();
    const dataKey = await liveDataKey(tx, ctx.keyring, ctx.dataKeys, tenant.id);
    try {
      await tx.license.create({
        data: {
          id,
          tenantId: tenant.id,
          componentId: component.id,
          tierId: tier.id,
          holderKind: holder.kind,
          holderName: holder.name,
          seats,
          startsAt,
          endsAt,
          status: "active",
          statusChangedAt: now,
          keyCiphertext: sealLicenseKeyUnder(dataKey, id, key),
          keyDigest: digestLicenseKey(ctx.keys.secretDigest, key),
        },
        select: { id: true },
      });
    } catch (e) {
      // The index caught a writer that bypassed the guard: the same 409.
      if (isLiveLicenseViolation(e)) throw liveLicenseExists(holder, component.key, null);
      throw e;
    }
    await recordEvent(tx, {
      action: "license.create",
      outcome: "success",
      actor: auditActor(actor),
      target: { type: "license", id },
      tenantId: tenant.id,
      sourceIp: meta.sourceIp,
      requestId: meta.requestId,
      data: { to: "active", componentId: component.id, tierId: tier.id, holderKind: holder.kind, holderName: holder.name, seats, startsAt: startsAt.toISOString(), endsAt: endsAt.toISOString() },
    });
    return { license: await loadLicenseDetail(tx, actor, id, now) };
  });
}
