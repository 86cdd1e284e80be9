// Creates a tenant (platform admins only). The slug is unique: a taken slug is a field message (409),
// whether found up front or by the unique index when two requests race.
import type { z } from "zod";
import { tenantKindFieldErrors, type createTenantRequest } from "../../../../contracts/tenant-api";
import { AppError } from "../../../common/http/app-error";
import { recordEvent } from "../../outbox/record-event";
import { auditActor, type Actor } from "../actors/actor";
import type { AccessContext, RequestMeta } from "../context";
import { newId } from "../secrets/ids";
import { isUniqueViolation } from "../../db/unique-violation";
import { dayToDate, toTenantDto } from "./tenant-dto";

const slugTaken = () => new AppError("conflict", "That slug is taken.", { fieldErrors: { slug: ["Another tenant uses this slug. Choose another."] } });

export async function createTenant(ctx: AccessContext, actor: Actor, input: z.infer<typeof createTenantRequest>, meta: RequestMeta) {
  const fields = {
    kind: input.kind,
    districtState: input.districtState ?? null,
    dataAgreement: input.dataAgreement ?? null,
    dataAgreementSignedAt: input.dataAgreementSignedAt ?? null,
  };
  const fieldErrors = tenantKindFieldErrors(fields);
  if (Object.keys(fieldErrors).length) throw new AppError("validation-failed", "The tenant's fields do not fit together.", { fieldErrors });
  if (await ctx.prisma.tenant.count({ where: { slug: input.slug } })) throw slugTaken();

  try {
    return await ctx.prisma.$transaction(async (tx) => {
      const tenant = await tx.tenant.create({
        data: { id: newId("ten"), slug: input.slug, name: input.name, ...fields, dataAgreementSignedAt: dayToDate(fields.dataAgreementSignedAt) },
      });
      await recordEvent(tx, {
        action: "tenant.create",
        outcome: "success",
        actor: auditActor(actor),
        target: { type: "tenant", id: tenant.id },
        tenantId: tenant.id,
        sourceIp: meta.sourceIp,
        requestId: meta.requestId,
        data: { slug: tenant.slug, name: tenant.name, kind: tenant.kind, districtState: tenant.districtState },
      });
      return { tenant: toTenantDto(tenant) };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw slugTaken();
    throw error;
  }
}
