// A district's agreement. Only a district has one: a company tenant (like another tenant's id) is not found.
import { AppError } from "../../../common/http/app-error";
import type { Actor } from "../actors/actor";
import type { AccessContext, TransactionClient } from "../context";
import { findTenantOrThrow } from "../tenants/get-tenant";
import { toAgreementDto } from "./agreement-dto";

export async function findDistrictOrThrow(db: AccessContext["prisma"] | TransactionClient, actor: Actor, id: string) {
  const tenant = await findTenantOrThrow(db, actor, id);
  if (tenant.kind !== "district") throw new AppError("not-found", "This tenant is not a school district, so it has no student-data agreement.", { reason: "not-a-district" });
  return tenant;
}

export async function getAgreement(ctx: AccessContext, actor: Actor, tenantId: string) {
  const tenant = await findDistrictOrThrow(ctx.prisma, actor, tenantId);
  const row = await ctx.prisma.districtAgreement.findUnique({ where: { tenantId } });
  return { agreement: toAgreementDto(tenant, row) };
}
