// Sets a district's agreement (those who may edit tenants). The reference and signing day stay on the
// tenant row, the rest in district_agreements; both change in one transaction with one audit event.
import type { z } from "zod";
import type { putAgreementRequest } from "../../../../contracts/compliance-api";
import { AppError } from "../../../common/http/app-error";
import { recordEvent } from "../../outbox/record-event";
import { auditActor, type Actor } from "../actors/actor";
import type { AccessContext, RequestMeta } from "../context";
import { dayToDate } from "../tenants/tenant-dto";
import { toAgreementDto } from "./agreement-dto";
import { findDistrictOrThrow } from "./get-agreement";

type Input = z.infer<typeof putAgreementRequest>;

/** Field messages for dates and offer that do not fit together; `today` is YYYY-MM-DD (UTC). */
export function agreementFieldErrors(input: Input, today: string): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  if (input.signedOn && input.signedOn > today) errors.signedOn = ["The signing day cannot lie in the future."];
  if (input.signedOn && input.effectiveOn && input.effectiveOn < input.signedOn) errors.effectiveOn = ["The agreement cannot take effect before it is signed."];
  const start = input.effectiveOn ?? input.signedOn;
  if (start && input.endsOn && input.endsOn <= start) errors.endsOn = ["The end must fall after the agreement takes effect."];
  if (input.generalOfferFrom && input.kind !== "sdpc_ndpa") errors.generalOfferFrom = ["Only an NDPA has an Exhibit E general offer: choose the NDPA, or leave this blank."];
  return errors;
}

export async function putAgreement(ctx: AccessContext, actor: Actor, tenantId: string, input: Input, meta: RequestMeta) {
  const fieldErrors = agreementFieldErrors(input, ctx.now().toISOString().slice(0, 10));
  if (Object.keys(fieldErrors).length) throw new AppError("validation-failed", "The agreement's fields do not fit together.", { fieldErrors });
  return ctx.prisma.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT 1 FROM tenants WHERE id = ${tenantId} FOR UPDATE`;
    const tenant = await findDistrictOrThrow(tx, actor, tenantId);
    const beforeRow = await tx.districtAgreement.findUnique({ where: { tenantId } });
    const before = toAgreementDto(tenant, beforeRow);
    const fields = {
      kind: input.kind,
      effectiveOn: dayToDate(input.effectiveOn ?? null),
      endsOn: dayToDate(input.endsOn ?? null),
      generalOfferFrom: input.generalOfferFrom ?? null,
      noticeHours: input.noticeHours ?? null,
    };
    const updatedTenant = await tx.tenant.update({
      where: { id: tenant.id },
      data: { dataAgreement: input.reference, dataAgreementSignedAt: dayToDate(input.signedOn ?? null) },
    });
    const row = await tx.districtAgreement.upsert({ where: { tenantId }, create: { tenantId, ...fields }, update: fields });
    const after = toAgreementDto(updatedTenant, row);
    const keys = ["kind", "reference", "signedOn", "effectiveOn", "endsOn", "generalOfferFrom", "noticeHours"] as const;
    const changed = keys.filter((key) => before[key] !== after[key]);
    await recordEvent(tx, {
      action: "tenant.agreement.update",
      outcome: "success",
      actor: auditActor(actor),
      target: { type: "tenant", id: tenantId },
      tenantId,
      sourceIp: meta.sourceIp,
      requestId: meta.requestId,
      data: { changed, before: pick(before, changed), after: pick(after, changed) },
    });
    return { agreement: after };
  });
}

function pick<T extends object>(source: T, keys: readonly (keyof T)[]): Partial<T> {
  return Object.fromEntries(keys.map((key) => [key, source[key]])) as Partial<T>;
}
