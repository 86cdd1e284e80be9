// The access service's HTTP contract for a district's agreement and its compliance overview (issue 9 §4):
// shapes only, no I/O. Called by the web tier for a signed-in person; another tenant answers 404.
import { z } from "zod";
import { plainText, recordId, tenantKinds, usStates } from "./tenant-api";
import { inventoryVersionDto } from "./trust-api";

export const agreementKinds = ["sdpc_ndpa", "state_terms"] as const;
export type AgreementKind = (typeof agreementKinds)[number];
export const agreementKindLabels: Record<AgreementKind, string> = {
  sdpc_ndpa: "SDPC National Data Privacy Agreement (NDPA)",
  state_terms: "The state's own terms",
};

const day = z.iso.date("Use a date like 2026-08-31.");
/** A day from a form: "" (a blank date field) means none. */
const optionalDay = z
  .union([z.literal(""), day, z.null()])
  .transform((s) => (s === "" ? null : s))
  .optional();

const noticeRule = z.object({
  hours: z.number().int(),
  from: z.enum(["discovery", "determination"]),
  source: z.enum(["agreement", "state"]),
  label: z.string(),
  citation: z.string().nullable(),
});
export { noticeRule as noticeRuleDto };

export const agreementDto = z.object({
  tenantId: z.string(),
  kind: z.enum(agreementKinds).nullable(),
  /** Name or reference of the agreement (the tenant's dataAgreement). */
  reference: z.string().nullable(),
  signedOn: z.iso.date().nullable(),
  effectiveOn: z.iso.date().nullable(),
  endsOn: z.iso.date().nullable(),
  generalOfferFrom: z.string().nullable(),
  /** The agreement's own notice period in hours; null: none of its own. */
  noticeHours: z.number().int().nullable(),
  /** Every notice rule that applies to the district now (contracts/breach-notice.ts). */
  noticeRules: z.array(noticeRule),
  updatedAt: z.iso.datetime().nullable(),
});
export type AgreementDto = z.infer<typeof agreementDto>;

/** GET /v1/tenants/:id/agreement (tenants.read) and PUT (tenants.write) → 200 { agreement }; 404 for a company tenant. */
export const agreementResponse = z.object({ agreement: agreementDto });
export type AgreementResponse = z.infer<typeof agreementResponse>;

const maxNoticeHours = 24 * 366;

/**
 * PUT /v1/tenants/:id/agreement (tenants.write). The whole agreement as it should be: signedOn not in the
 * future, effectiveOn not before signedOn, endsOn after effectiveOn; an Exhibit E offer only under the
 * NDPA. noticeHours: the agreement's own period (1 hour to 366 days), null for none (the state's applies).
 */
export const putAgreementRequest = z
  .object({
    kind: z.enum(agreementKinds, "Choose the kind of agreement."),
    reference: plainText(200, "Enter the agreement's name or reference."),
    signedOn: optionalDay,
    effectiveOn: optionalDay,
    endsOn: optionalDay,
    generalOfferFrom: z
      .union([z.literal(""), plainText(200), z.null()])
      .transform((s) => (s === "" ? null : s))
      .optional(),
    noticeHours: z
      .number("Enter a whole number of hours.")
      .int("Enter a whole number of hours.")
      .min(1, "Enter at least 1 hour.")
      .max(maxNoticeHours, `Enter at most ${maxNoticeHours} hours (366 days).`)
      .nullable()
      .optional(),
  })
  .strict();
export type PutAgreementRequest = z.input<typeof putAgreementRequest>;

export const agreementParams = z.object({ id: recordId("ten") });

/** A licensed component of the district: its licenses' statuses; what data it holds is on /trust#<key>. */
export const licensedComponentDto = z.object({
  id: z.string(),
  key: z.string(),
  name: z.string(),
  /** Its licenses for the district, by status. */
  licenses: z.object({ active: z.number().int(), suspended: z.number().int(), expired: z.number().int(), revoked: z.number().int() }),
  /** What of the district's data it holds: its data inventory's newest version (the trust page's), null while it has declared none. */
  inventory: inventoryVersionDto.nullable(),
});
export type LicensedComponentDto = z.infer<typeof licensedComponentDto>;

export const districtSummaryDto = z.object({
  id: z.string(),
  name: z.string(),
  slug: z.string(),
  kind: z.enum(tenantKinds),
  state: z.enum(usStates).nullable(),
  agreementKind: z.enum(agreementKinds).nullable(),
  agreementReference: z.string().nullable(),
  agreementEndsOn: z.iso.date().nullable(),
  openIncidents: z.number().int(),
  overdueNotices: z.number().int(),
});
export type DistrictSummaryDto = z.infer<typeof districtSummaryDto>;

/** GET /v1/compliance/districts?search=&limit=&cursor= (compliance.read): district tenants with their agreement state and open incidents; a district's people see their own. */
export const listComplianceDistrictsQuery = z.object({
  search: z.string().trim().max(100, "Use at most 100 characters.").optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().max(500).optional(),
});
export type ListComplianceDistrictsQuery = z.input<typeof listComplianceDistrictsQuery>;
export const listComplianceDistrictsResponse = z.object({ districts: z.array(districtSummaryDto), nextCursor: z.string().nullable() });
export type ListComplianceDistrictsResponse = z.infer<typeof listComplianceDistrictsResponse>;
