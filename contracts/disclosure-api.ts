// The record of disclosures (34 CFR 99.32) as a contract: the legitimate interest a token or OAuth client
// declares, the batch a component reports over mTLS, and the record a district searches and exports.
// Shapes only (no I/O).
import { z } from "zod";
import { recordId } from "./license-api";

const isoDate = z.iso.datetime({ offset: true });
/** Printable text on one line: no control characters (tabs, newlines, NUL), so a record reads the same everywhere. */
const plainLine = /^[^\p{Cc}]*$/u;
const plainText = (max: number, empty: string) =>
  z.string().trim().min(1, empty).max(max, `At most ${max} characters.`).regex(plainLine, "Use plain text on one line (no tabs, line breaks or control characters).");

/** The legitimate interest declared when a token or OAuth client is made: required for district tenants. */
export const legitimateInterest = plainText(500, "Say why the component needs the district's data.").pipe(z.string().min(10, "Say why in a sentence: at least 10 characters."));
export const purposeRequiredMessage = "A district's data may be reached only for a declared legitimate interest: say why this credential needs it.";

// ─── POST /v1/disclosures (components over mTLS) ──────────────────────────────────────────────────

/** A pseudonymous student id as the component knows it (never a name): letters, digits and . _ : - */
export const studentId = z.string().trim().min(1).max(64).regex(/^[A-Za-z0-9._:-]+$/, "A pseudonymous id: letters, digits and . _ : - only.");
export const maxDisclosuresPerReport = 500;
export const maxStudentsPerDisclosure = 200;

export const reportedDisclosure = z
  .object({
    /** The component's own id for this disclosure: a report sent twice is stored once. */
    id: z.string().trim().min(1).max(100).regex(/^[A-Za-z0-9._:-]+$/, "Letters, digits and . _ : - only."),
    /** Who received the records (a person, an organisation, a subprocessor). */
    party: plainText(200, "Name who received the records."),
    legitimateInterest: plainText(500, "Say why the records were disclosed."),
    /** The category of records (e.g. "attendance", "assessment results"). */
    category: plainText(100, "Name the category of records."),
    studentIds: z.array(studentId).min(1, "Name at least one student.").max(maxStudentsPerDisclosure),
    disclosedAt: isoDate,
    /** The credential the disclosure was made under: a license (lic_…) or a token (tok_…) this component serves. */
    licenseId: recordId.optional(),
    tokenId: recordId.optional(),
  })
  .strict()
  .refine((d) => (d.licenseId === undefined) !== (d.tokenId === undefined), { message: "Give either licenseId or tokenId.", path: ["licenseId"] });
export type ReportedDisclosure = z.infer<typeof reportedDisclosure>;

export const reportDisclosuresRequest = z.object({ disclosures: z.array(reportedDisclosure).min(1).max(maxDisclosuresPerReport) }).strict();
export type ReportDisclosuresRequest = z.infer<typeof reportDisclosuresRequest>;
/** 200: `stored` new ones, `duplicates` already reported (by the component's own id). */
export const reportDisclosuresResponse = z.object({ stored: z.number().int(), duplicates: z.number().int() });
export type ReportDisclosuresResponse = z.infer<typeof reportDisclosuresResponse>;

// ─── The record (web tier: compliance.read) ───────────────────────────────────────────────────────

export const disclosureKinds = ["report", "access"] as const;
export type DisclosureKind = (typeof disclosureKinds)[number];

export const disclosureFilters = z
  .object({
    /** Platform admins name the tenant; a tenant's people always see their own (this is then ignored unless it is theirs). */
    tenantId: recordId.optional(),
    from: isoDate.optional(),
    to: isoDate.optional(),
    component: z.string().trim().max(63).optional(),
    party: z.string().trim().max(200).optional(),
    studentId: studentId.optional(),
    kind: z.enum(disclosureKinds).optional(),
  })
  .strict();
export type DisclosureFilters = z.infer<typeof disclosureFilters>;

export const listDisclosuresQuery = disclosureFilters.extend({
  limit: z.coerce.number().int().min(1).max(100).default(25),
  /** Keyset: nextCursor of the page before ("<occurred ms>.<seq>"). */
  cursor: z.string().max(60).regex(/^\d{1,16}\.\d{1,19}$/, "Not a valid cursor.").optional(),
});
export type ListDisclosuresQuery = z.infer<typeof listDisclosuresQuery>;

export const exportDisclosuresQuery = disclosureFilters.extend({ format: z.enum(["csv", "pdf"]) });

/** One line of the record: a disclosure reported by a component, or accesses through a credential in one minute. */
export const disclosureRecord = z.object({
  seq: z.number().int(),
  eventId: z.string(),
  kind: z.enum(disclosureKinds),
  tenantId: z.string(),
  occurredAt: isoDate,
  /** The component that reported it or asked (its certificate identity). */
  component: z.string(),
  party: z.string(),
  legitimateInterest: z.string().nullable(),
  category: z.string().nullable(),
  studentIds: z.array(z.string()),
  /** The credential: a license or token id. */
  credential: z.object({ type: z.string(), id: z.string() }).nullable(),
  /** Accesses: the OAuth client or the person who made the token, the scopes, how many in that minute. */
  clientId: z.string().nullable(),
  personId: z.string().nullable(),
  scopes: z.array(z.string()),
  count: z.number().int(),
  reportId: z.string().nullable(),
});
export type DisclosureRecord = z.infer<typeof disclosureRecord>;

export const listDisclosuresResponse = z.object({ records: z.array(disclosureRecord), nextCursor: z.string().nullable() });
export type ListDisclosuresResponse = z.infer<typeof listDisclosuresResponse>;

/** Accesses (and reports) per day and component over the filtered range, for the chart. */
export const disclosureActivityResponse = z.object({
  days: z.array(z.object({ day: z.string(), component: z.string(), count: z.number().int() })),
});
export type DisclosureActivityResponse = z.infer<typeof disclosureActivityResponse>;

/** The audit service's side (GET /v1/disclosures, callers: access): the tenant is always named. */
export const auditDisclosuresQuery = listDisclosuresQuery.extend({ tenantId: recordId, limit: z.coerce.number().int().min(1).max(1000).default(25) });
export const auditDisclosureActivityQuery = disclosureFilters.extend({ tenantId: recordId });

/** GET /v1/disclosures/export: the document as base64 in JSON (the web tier sends the bytes as a download). */
export const maxExportRows = { csv: 10_000, pdf: 2_000 } as const;
export const exportDisclosuresResponse = z.object({
  filename: z.string(),
  contentType: z.enum(["text/csv; charset=utf-8", "application/pdf"]),
  base64: z.string(),
  rows: z.number().int(),
  /** More lines matched than a document holds (maxExportRows): narrow the filters. */
  truncated: z.boolean(),
});
export type ExportDisclosuresResponse = z.infer<typeof exportDisclosuresResponse>;
