// The public trust page's facts (issue 9 §2) and policy notices (§4) as the web tier sees them: request and
// response shapes only. Who may call each endpoint: contracts/access-policies.ts. Nothing here is a
// tenant's data: GET /v1/trust answers without a session.
import { z } from "zod";

// ---- the data inventory (NDPA Exhibit B; C.R.S. 22-16-108(1)) ---------------------------------------

/** The NDPA Exhibit B categories of student data, plus the two kinds of data that are not student data. */
export const dataCategories = [
  "Application technology metadata",
  "Application use statistics",
  "Assessment",
  "Attendance",
  "Communications",
  "Conduct",
  "Demographics",
  "Enrollment",
  "Parent/guardian contact information",
  "Parent/guardian name or id",
  "Schedule",
  "Special indicator",
  "Student contact information",
  "Student identifiers",
  "Student in-app performance",
  "Student program membership",
  "Student survey responses",
  "Student work",
  "Transcript",
  "Transportation",
  "Staff and administrator accounts",
  "Credentials and keys",
  "Other",
] as const;
export type DataCategory = (typeof dataCategories)[number];

const plain = (max: number, required: string) => z.string().trim().min(1, required).max(max, `Use at most ${max} characters.`);

/** One data element a component holds, in plain language. */
export const dataElement = z.strictObject({
  element: plain(120, "Name the data element."),
  category: z.enum(dataCategories),
  purpose: plain(500, "Say why it is held."),
  retention: plain(200, "Say how long it is kept."),
  /** Who else receives it ("No one", or the parties). */
  recipients: plain(300, "Say who else receives it, or \"No one\"."),
});
export type DataElement = z.infer<typeof dataElement>;

/** A version of a component's declaration: an edit makes a new one; older ones stay readable. */
export const inventoryVersionDto = z.object({
  version: z.number().int(),
  elements: z.array(dataElement),
  note: z.string(),
  publishedAt: z.iso.datetime(),
});
export type InventoryVersionDto = z.infer<typeof inventoryVersionDto>;

export const componentInventoryDto = z.object({
  key: z.string(),
  name: z.string(),
  /** Newest first; empty while the component has declared nothing. */
  versions: z.array(inventoryVersionDto),
});
export type ComponentInventoryDto = z.infer<typeof componentInventoryDto>;

/** Tessera's own data, one entry per table of its databases (derived from the schema, checked by a unit test). */
export const tesseraDataDto = z.object({
  database: z.enum(["access", "audit"]),
  table: z.string(),
  element: z.string(),
  category: z.enum(dataCategories),
  purpose: z.string(),
  retention: z.string(),
  recipients: z.string(),
});
export type TesseraDataDto = z.infer<typeof tesseraDataDto>;

/** POST /v1/components/:id/inventory (trust.write) → 201 with the new version; 404 unknown component; 422 fieldErrors ("elements.0.purpose"). */
export const declareInventoryRequest = z.strictObject({
  elements: z.array(dataElement).max(100, "Declare at most 100 elements."),
  note: z.string().trim().max(300, "Use at most 300 characters.").default(""),
});
export type DeclareInventoryRequest = z.input<typeof declareInventoryRequest>;
export const declareInventoryResponse = z.object({ inventory: componentInventoryDto });

// ---- versioned documents: privacy policy, subprocessors, commitments, security contact ------------

export const subprocessor = z.strictObject({
  name: plain(120, "Name the subprocessor."),
  purpose: plain(300, "Say what it does for Tessera."),
  location: plain(120, "Say where it processes data."),
  data: plain(300, "Say which data it receives."),
});
export type Subprocessor = z.infer<typeof subprocessor>;

export const commitment = z.strictObject({
  title: plain(120, "Give the commitment a title."),
  text: plain(2000, "Write the commitment."),
  /** The law or criterion it answers, e.g. "C.R.S. 22-16-109". */
  basis: z.string().trim().max(200, "Use at most 200 characters.").default(""),
});

const email = z.email("Enter an e-mail address such as security@example.com.").max(200);

export const documentContent = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("privacy_policy"), text: plain(50_000, "Write the policy.") }),
  z.strictObject({ kind: z.literal("subprocessors"), subprocessors: z.array(subprocessor).max(100, "List at most 100 subprocessors.") }),
  z.strictObject({ kind: z.literal("commitments"), commitments: z.array(commitment).min(1, "Keep at least one commitment.").max(50) }),
  z.strictObject({
    kind: z.literal("security_contact"),
    coordinator: plain(120, "Name the security coordinator."),
    email,
    /** The incident-notification commitments, one per line on the page. */
    notification: z.array(plain(500, "Write the commitment.")).min(1, "Keep at least one commitment.").max(20),
    languages: z.array(z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, "Use a language tag such as en or es.")).min(1).max(10),
  }),
]);
export type DocumentContent = z.infer<typeof documentContent>;
export type DocumentKind = DocumentContent["kind"];
export const documentKinds = ["privacy_policy", "subprocessors", "commitments", "security_contact"] as const satisfies readonly DocumentKind[];
/** Kinds whose material changes are announced to every district ahead of their effective date (C.R.S. 22-16-108(2)). */
export const noticeKinds = ["privacy_policy", "subprocessors"] as const satisfies readonly DocumentKind[];

export const documentVersionDto = z.object({
  id: z.string(), // tdv_…
  kind: z.enum(documentKinds),
  version: z.number().int(),
  content: documentContent,
  /** What changed, in a sentence (the change log). */
  summary: z.string(),
  material: z.boolean(),
  publishedAt: z.iso.datetime(),
  effectiveAt: z.iso.datetime(),
});
export type DocumentVersionDto = z.infer<typeof documentVersionDto>;

/** POST /v1/trust/documents (trust.write) → 201; 422 fieldErrors.effectiveAt when a material change gives less notice than the notice period. */
export const publishDocumentRequest = z.strictObject({
  content: documentContent,
  summary: plain(500, "Say what changed."),
  /** Material changes of the privacy policy or subprocessors take effect no sooner than the notice period. */
  material: z.boolean().default(false),
  /** When it takes effect; omitted: at once (refused for a material change). */
  effectiveAt: z.iso.datetime({ offset: true }).optional(),
});
export type PublishDocumentRequest = z.input<typeof publishDocumentRequest>;
export const publishDocumentResponse = z.object({ document: documentVersionDto, announcedTo: z.number().int() });

// ---- GET /v1/trust ----------------------------------------------------------------------------------

/** A part of the page: the version in effect (null when none yet), and every version newest first (pending ones included). */
export const trustPartDto = z.object({ current: documentVersionDto.nullable(), versions: z.array(documentVersionDto) });
export type TrustPartDto = z.infer<typeof trustPartDto>;

/** GET /v1/trust (the web tier, no session) → 200. Serves no customer data. */
export const trustResponse = z.object({
  generatedAt: z.iso.datetime(),
  noticeDays: z.number().int(),
  components: z.array(componentInventoryDto),
  tessera: z.array(tesseraDataDto),
  privacyPolicy: trustPartDto,
  subprocessors: trustPartDto,
  commitments: trustPartDto,
  securityContact: trustPartDto,
  /** The security plan in summary; filled by the security plan's part (issue 9 §3), empty until then. */
  securityPlan: z.object({ controls: z.array(z.object({ id: z.string(), function: z.string(), title: z.string(), status: z.string() })) }),
});
export type TrustResponse = z.infer<typeof trustResponse>;

// ---- policy notices and acknowledgements (§4) -------------------------------------------------------

export const acknowledgementDto = z.object({
  tenantId: z.string(),
  tenantName: z.string(),
  acknowledgedAt: z.iso.datetime().nullable(),
  acknowledgedBy: z.string().nullable(),
});
export type AcknowledgementDto = z.infer<typeof acknowledgementDto>;

export const noticeDto = z.object({
  document: documentVersionDto,
  /** Whether the effective date is still ahead. */
  pending: z.boolean(),
  /** A district's own acknowledgement; for platform admins every district's (unacknowledged first). */
  acknowledgements: z.array(acknowledgementDto),
});
export type NoticeDto = z.infer<typeof noticeDto>;

/** GET /v1/trust/notices (compliance.read) → 200, newest first. */
export const listNoticesResponse = z.object({ noticeDays: z.number().int(), notices: z.array(noticeDto) });
export type ListNoticesResponse = z.infer<typeof listNoticesResponse>;

export const noticeIdParams = z.object({ id: z.string().regex(/^tdv_[A-Za-z0-9_-]{1,64}$/, "Not a notice id.") });

/** POST /v1/trust/notices/:id/acknowledge (compliance.write, a district's people) → 200; 404 unknown notice; 409 not a district / already acknowledged. */
export const acknowledgeNoticeResponse = z.object({ acknowledgement: acknowledgementDto });
