// What the outside world sees of a district's agreement: the tenant's reference and signing day, the
// agreement row's kind, days, Exhibit E offer and own period, and every notice rule that applies now.
import type { AgreementDto } from "../../../../contracts/compliance-api";
import { noticeRulesFor } from "../../../../contracts/breach-notice";
import type { DistrictAgreement, Tenant } from "../../generated/prisma/client";

const dayOf = (date: Date | null) => (date ? date.toISOString().slice(0, 10) : null);

export function toAgreementDto(tenant: Tenant, row: DistrictAgreement | null): AgreementDto {
  return {
    tenantId: tenant.id,
    kind: row?.kind ?? null,
    reference: tenant.dataAgreement,
    signedOn: dayOf(tenant.dataAgreementSignedAt),
    effectiveOn: dayOf(row?.effectiveOn ?? null),
    endsOn: dayOf(row?.endsOn ?? null),
    generalOfferFrom: row?.generalOfferFrom ?? null,
    noticeHours: row?.noticeHours ?? null,
    noticeRules: noticeRulesFor({ state: tenant.districtState, agreementNoticeHours: row?.noticeHours ?? null }),
    updatedAt: row ? row.updatedAt.toISOString() : null,
  };
}
