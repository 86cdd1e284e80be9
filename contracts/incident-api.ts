// The access service's HTTP contract for incidents and breach notices (issue 9 §4): shapes only, no I/O.
// Platform admins (incidents.write) open incidents, mark districts, edit and deliver notices; a district's
// people (compliance.read) see the incidents that concern their district, their clock and the delivered notice.
import { z } from "zod";
import { agreementDto, districtSummaryDto, licensedComponentDto, noticeRuleDto } from "./compliance-api";
import { plainText, recordId } from "./tenant-api";

// Text over several lines: newlines and tabs are fine, other control characters (NUL above all) are not.
const otherControls = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
function longText(max: number, required: string) {
  return z
    .string()
    .trim()
    .min(1, required)
    .max(max, `Use at most ${max} characters.`)
    .refine((s) => !otherControls.test(s), "Remove control characters.");
}

const instant = z.iso.datetime({ offset: true, error: "Enter a date and time, e.g. 2026-11-30T09:00:00Z." });

export const incidentStatuses = ["open", "closed"] as const;
export const clockStates = ["not-started", "running", "overdue", "met", "late", "no-deadline"] as const;
export type ClockStateName = (typeof clockStates)[number];

/** The notice's headings, in order: the usual ones of a breach notice (what happened, when, what information, what we do, what you can do, contact). */
export const noticeHeadings = [
  ["whatHappened", "What happened"],
  ["when", "When it happened"],
  ["information", "What information was involved"],
  ["whatWeAreDoing", "What we are doing"],
  ["whatYouCanDo", "What the district can do"],
  ["contact", "Contact"],
] as const;
export type NoticeKey = (typeof noticeHeadings)[number][0];

export const noticeSections = z
  .object(Object.fromEntries(noticeHeadings.map(([key, label]) => [key, longText(5000, `Write the “${label}” section.`)])) as Record<NoticeKey, ReturnType<typeof longText>>)
  .strict();
export type NoticeSections = z.infer<typeof noticeSections>;

export const deliveryMethods = ["email", "letter", "phone", "portal", "in_person"] as const;
export const deliveryMethodLabels: Record<(typeof deliveryMethods)[number], string> = {
  email: "E-mail",
  letter: "Letter",
  phone: "Telephone",
  portal: "The district's portal",
  in_person: "In person",
};

export const clockDto = z.object({
  state: z.enum(clockStates),
  deadlineAt: z.iso.datetime().nullable(),
  governing: noticeRuleDto.nullable(),
});
export type ClockDto = z.infer<typeof clockDto>;

export const incidentDistrictDto = z.object({
  tenantId: z.string(),
  tenantName: z.string(),
  state: z.string().nullable(),
  rules: z.array(noticeRuleDto),
  clock: clockDto,
  markedAt: z.iso.datetime(),
  /** The notice: the draft for platform admins, the delivered notice for the district (null before delivery). */
  notice: noticeSections.nullable(),
  delivery: z
    .object({ deliveredAt: z.iso.datetime(), method: z.enum(deliveryMethods), to: z.string() })
    .nullable(),
});
export type IncidentDistrictDto = z.infer<typeof incidentDistrictDto>;

export const incidentDto = z.object({
  id: z.string(),
  title: z.string(),
  summary: z.string(),
  dataConcerned: z.string(),
  discoveredAt: z.iso.datetime(),
  determinedAt: z.iso.datetime().nullable(),
  status: z.enum(incidentStatuses),
  closedAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
  /** The districts it concerns that the caller may see: all for platform admins, their own for a district's people. */
  districts: z.array(incidentDistrictDto),
});
export type IncidentDto = z.infer<typeof incidentDto>;

export const incidentParams = z.object({ id: recordId("inc") });
export const incidentDistrictParams = z.object({ id: recordId("inc"), tenantId: recordId("ten") });

/** GET /v1/incidents?status=&limit=&cursor= (compliance.read) → newest first; a district's people see only incidents marked as concerning their district. */
export const listIncidentsQuery = z.object({
  status: z.enum(incidentStatuses).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().max(500).optional(),
});
export type ListIncidentsQuery = z.input<typeof listIncidentsQuery>;
export const listIncidentsResponse = z.object({ incidents: z.array(incidentDto), nextCursor: z.string().nullable() });
export type ListIncidentsResponse = z.infer<typeof listIncidentsResponse>;

/**
 * POST /v1/incidents (incidents.write) → 201 { incident }. discoveredAt not in the future; determinedAt
 * (when it was determined to be a breach; the clocks run from it) not before discoveredAt nor in the future.
 */
export const createIncidentRequest = z
  .object({
    title: plainText(200, "Give the incident a title."),
    summary: longText(5000, "Say what happened."),
    dataConcerned: longText(2000, "Say which data the incident concerns."),
    discoveredAt: instant,
    determinedAt: instant.nullable().optional(),
  })
  .strict();
export type CreateIncidentRequest = z.input<typeof createIncidentRequest>;

/** PATCH /v1/incidents/:id (incidents.write) → 200 { incident }: edits its facts, or closes / reopens it. Omitted fields stay. */
export const updateIncidentRequest = z
  .object({
    title: plainText(200, "Give the incident a title.").optional(),
    summary: longText(5000, "Say what happened.").optional(),
    dataConcerned: longText(2000, "Say which data the incident concerns.").optional(),
    discoveredAt: instant.optional(),
    determinedAt: instant.nullable().optional(),
    status: z.enum(incidentStatuses, "Choose open or closed.").optional(),
  })
  .strict();
export type UpdateIncidentRequest = z.input<typeof updateIncidentRequest>;

export const incidentResponse = z.object({ incident: incidentDto });
export type IncidentResponse = z.infer<typeof incidentResponse>;

/** POST /v1/incidents/:id/districts (incidents.write) → 200 { incident }: marks a district; its notice period is fixed now and a notice drafted. 409 when already marked. */
export const markDistrictRequest = z.object({ tenantId: recordId("ten") }).strict();

/** PUT /v1/incidents/:id/districts/:tenantId/notice (incidents.write) → 200 { incident }; 409 once delivered (the delivered notice is what the district received). */
export const putNoticeRequest = z.object({ notice: noticeSections }).strict();

/** POST /v1/incidents/:id/districts/:tenantId/delivery (incidents.write) → 200 { incident }; deliveredAt not before the determination nor in the future; 409 when already recorded. */
export const recordDeliveryRequest = z
  .object({
    deliveredAt: instant,
    method: z.enum(deliveryMethods, "Choose how the notice was delivered."),
    to: plainText(300, "Say to whom the notice was delivered."),
  })
  .strict();
export type RecordDeliveryRequest = z.input<typeof recordDeliveryRequest>;

/** GET /v1/compliance/districts/:id (compliance.read): one district's overview. */
export const districtOverviewResponse = z.object({
  district: districtSummaryDto,
  agreement: agreementDto,
  components: z.array(licensedComponentDto),
  openIncidents: z.array(incidentDto),
});
export type DistrictOverviewResponse = z.infer<typeof districtOverviewResponse>;
