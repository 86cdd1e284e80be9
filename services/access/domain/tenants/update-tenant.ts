// Edits a tenant's name, kind and district fields (platform admins only). The district rules are
// checked on the tenant as it will be saved, so a PATCH cannot leave a district without its state.
import type { z } from "zod";
import { tenantKindFieldErrors, type updateTenantRequest } from "../../../../contracts/tenant-api";
import { AppError } from "../../../common/http/app-error";
import { recordEvent } from "../../outbox/record-event";
import { auditActor, type Actor } from "../actors/actor";
import type { AccessContext, RequestMeta } from "../context";
import { findTenantOrThrow, tenantRowScope } from "./get-tenant";
import { dayToDate, toTenantDto } from "./tenant-dto";

export async function updateTenant(
  ctx: AccessContext,
  actor: Actor,
  id: string,
  input: z.infer<typeof updateTenantRequest>,
  meta: RequestMeta,
) {
  return ctx.prisma.$transaction(async (tx) => {
    // Lock the row so two concurrent edits cannot each pass the checks against the old values.
    await tx.$queryRaw`SELECT 1 FROM tenants WHERE id = ${id} FOR UPDATE`;
    const before = toTenantDto(await findTenantOrThrow(tx, actor, id));
    const after = {
      name: input.name ?? before.name,
      kind: input.kind ?? before.kind,
      districtState: input.districtState === undefined ? before.districtState : input.districtState,
      dataAgreement: input.dataAgreement === undefined ? before.dataAgreement : input.dataAgreement,
      dataAgreementSignedAt: input.dataAgreementSignedAt === undefined ? before.dataAgreementSignedAt : input.dataAgreementSignedAt,
    };
    const fieldErrors = tenantKindFieldErrors(after);
    if (Object.keys(fieldErrors).length) throw new AppError("validation-failed", "The tenant's fields do not fit together.", { fieldErrors });

    const changed = (Object.keys(after) as (keyof typeof after)[]).filter((key) => after[key] !== before[key]);
    if (!changed.length) return { tenant: before };
    await tx.tenant.updateMany({
      where: { AND: [{ id }, tenantRowScope(actor)] },
      data: { ...after, dataAgreementSignedAt: dayToDate(after.dataAgreementSignedAt) },
    });
    const updated = await findTenantOrThrow(tx, actor, id);
    await recordEvent(tx, {
      action: "tenant.update",
      outcome: "success",
      actor: auditActor(actor),
      target: { type: "tenant", id },
      tenantId: id,
      sourceIp: meta.sourceIp,
      requestId: meta.requestId,
      data: { changed, before: pick(before, changed), after: pick(after, changed) },
    });
    return { tenant: toTenantDto(updated) };
  });
}

function pick<T extends object>(source: T, keys: (keyof T)[]): Partial<T> {
  return Object.fromEntries(keys.map((key) => [key, source[key]])) as Partial<T>;
}
