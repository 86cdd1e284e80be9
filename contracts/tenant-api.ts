// The access service's HTTP contract for tenants, their members and invitations: shapes only, no I/O.
// Every endpoint is called by the web tier (mTLS identity `web`); all but the invitee's two carry the
// signed-in person's `Authorization: Bearer <sessionToken>`. Another tenant's record answers 404.
import { z } from "zod";
import { email, roles, userDto } from "./access-api";
import { tenantRoles } from "./permissions";
import { plainTextIssue } from "./plain-text";

export const tenantKinds = ["company", "district"] as const;
export type TenantKind = (typeof tenantKinds)[number];

/** US states, DC and the inhabited territories, as two-letter USPS codes. */
export const usStates = [
  "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "FL", "GA", "HI", "ID", "IL", "IN", "IA", "KS", "KY", "LA", "ME", "MD",
  "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY", "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC",
  "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV", "WI", "WY", "DC", "AS", "GU", "MP", "PR", "VI",
] as const;

/** Trimmed single-line text under the plain-text rule (contracts/plain-text.ts: no control characters, NUL above all). */
export function plainText(max: number, required = "Fill in this field.") {
  return z
    .string()
    .trim()
    .min(1, required)
    .max(max, `Use at most ${max} characters.`)
    .superRefine(plainTextIssue);
}

/** Optional text where an empty form field means "none" (null). */
function optionalText(max: number) {
  return z
    .string()
    .trim()
    .max(max, `Use at most ${max} characters.`)
    .superRefine(plainTextIssue)
    .transform((s) => (s === "" ? null : s))
    .nullable()
    .optional();
}

export const tenantSlug = z
  .string()
  .trim()
  .min(2, "Use at least 2 characters.")
  .max(63, "Use at most 63 characters.")
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "Use lowercase letters, digits and single dashes, not at the start or end.");

/** Record ids as Tessera makes them (`ten_…`); anything else is simply not found. */
export const recordId = (prefix: string) =>
  z.string().regex(new RegExp(`^${prefix}_[A-Za-z0-9_-]{1,64}$`), "Not a valid id.");

export const tenantIdParams = z.object({ id: recordId("ten") });
export const memberParams = z.object({ id: recordId("ten"), userId: recordId("usr") });
export const invitationParams = z.object({ id: recordId("ten"), invitationId: recordId("inv") });
export const invitationTokenParams = z.object({ token: z.string().min(1).max(200) });

const districtState = z
  .string()
  .trim()
  .toUpperCase()
  .transform((s) => (s === "" ? null : s))
  .pipe(z.enum(usStates, "Choose a US state.").nullable())
  .nullable()
  .optional();

const signedAt = z
  .union([z.literal(""), z.iso.date("Use a date like 2026-08-31."), z.null()])
  .transform((s) => (s === "" ? null : s))
  .optional();

/**
 * The district fields. A district must name its state; a company has none of them. The student-data
 * agreement is optional (it may not be signed yet), but a signing date needs an agreement, and may
 * not lie in the future. Empty strings (blank form fields) mean null.
 */
const districtFields = {
  districtState,
  dataAgreement: optionalText(200),
  dataAgreementSignedAt: signedAt,
};

export const tenantDto = z.object({
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  kind: z.enum(tenantKinds),
  districtState: z.enum(usStates).nullable(),
  dataAgreement: z.string().nullable(),
  /** YYYY-MM-DD */
  dataAgreementSignedAt: z.iso.date().nullable(),
  /** active; suspended (with the licenses the suspension suspended); closing (its all-data disposition runs); closed. */
  status: z.enum(["active", "suspended", "closing", "closed"]),
  suspendedAt: z.iso.datetime().nullable(),
  closedAt: z.iso.datetime().nullable(),
  /** The all-data disposition request that closes (or closed) it. */
  closingDispositionId: z.string().nullable(),
  /** Its people must sign in with a second factor (contracts/assurance-levels.ts). */
  secondFactorRequired: z.boolean(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type TenantDto = z.infer<typeof tenantDto>;
export type TenantStatus = TenantDto["status"];

/**
 * POST /v1/tenants/:id/suspend and /reinstate (tenants.write, no body) → 200 tenantActionResponse with how
 * many licenses moved; 409 reason already-suspended, not-suspended or tenant-closed. Reinstating brings back
 * the licenses the suspension suspended, except those their tier's rules now block (the tier, or their move
 * to it, changed while they were suspended): the tenant is reinstated all the same, and those stay
 * suspended, listed in `blocked` with why, to be moved or freed and reinstated one by one.
 * POST /v1/tenants/:id/close (tenants.write) → 200 with the disposition filed; 409 not-a-district or
 * tenant-closed; 422 when confirmSlug is not the tenant's slug.
 */
export const closeTenantRequest = z.strictObject({
  confirmSlug: z.string().trim().max(100),
  reason: z.string().trim().max(500, "Use at most 500 characters.").optional(),
});
export const tenantActionResponse = z.object({
  tenant: tenantDto,
  licenses: z.number().int().optional(),
  /** Reinstate: the licenses that stay suspended because their tier's rules block them, each with the reason in a sentence. */
  blocked: z.array(z.object({ licenseId: z.string(), componentKey: z.string(), detail: z.string() })).optional(),
  dispositionId: z.string().optional(),
});

/**
 * PUT /v1/tenants/:id/second-factor-requirement (sign_in_policy.write, with step-up: the one changing it has a
 * fresh factor of their own) → 200 tenantResponse. Turning it on makes every session of the tenant's people
 * that has not given a second factor answer only what it takes to add one, at once; audited either way.
 */
export const secondFactorRequirementRequest = z.strictObject({ required: z.boolean() });

/** GET /v1/tenants?search=&kind=&limit=&cursor= (tenants.read; platform admins see all, others their own) → 200, sorted by name. */
export const listTenantsQuery = z.object({
  search: z
    .string()
    .trim()
    .max(100, "Use at most 100 characters.")
    .superRefine(plainTextIssue)
    .optional(),
  kind: z.enum(tenantKinds).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  /** nextCursor of the previous page, as given. */
  cursor: z.string().max(500).optional(),
});
export type ListTenantsQuery = z.input<typeof listTenantsQuery>;
export const listTenantsResponse = z.object({ tenants: z.array(tenantDto), nextCursor: z.string().nullable() });
export type ListTenantsResponse = z.infer<typeof listTenantsResponse>;

/** POST /v1/tenants (tenants.write) → 201 { tenant }; 422 fieldErrors; 409 fieldErrors.slug when taken. */
export const createTenantRequest = z.object({
  slug: tenantSlug,
  name: plainText(120, "Enter the organisation's name."),
  kind: z.enum(tenantKinds, "Choose company or district."),
  ...districtFields,
});
export type CreateTenantRequest = z.input<typeof createTenantRequest>;

/** PATCH /v1/tenants/:id (tenants.write) → 200 { tenant }; the slug never changes. Omitted fields stay as they are. */
export const updateTenantRequest = z
  .object({
    name: plainText(120, "Enter the organisation's name.").optional(),
    kind: z.enum(tenantKinds, "Choose company or district.").optional(),
    ...districtFields,
  })
  .strict();
export type UpdateTenantRequest = z.input<typeof updateTenantRequest>;

/** GET/POST/PATCH of one tenant answer this. GET /v1/tenants/:id needs tenants.read. */
export const tenantResponse = z.object({ tenant: tenantDto });
export type TenantResponse = z.infer<typeof tenantResponse>;

export const memberDto = userDto.extend({
  /** Set when the person was removed from the tenant: they can no longer sign in. */
  disabledAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
});
export type MemberDto = z.infer<typeof memberDto>;

/** GET /v1/tenants/:id/members (members.read) → 200, sorted by name; removed people included (disabledAt set). */
export const listMembersResponse = z.object({ members: z.array(memberDto) });
export type ListMembersResponse = z.infer<typeof listMembersResponse>;

/**
 * DELETE /v1/tenants/:id/members/:userId (members.write) → 200 { member } with disabledAt set; their sessions end.
 * 403 when the member's role is above the caller's; 409 reason `last-tenant-admin` (a tenant admin removing
 * themselves as the last one) or `member-already-removed`.
 */
export const removeMemberResponse = z.object({ member: memberDto });

export const invitationStatuses = ["pending", "accepted", "revoked", "expired"] as const;
export type InvitationStatus = (typeof invitationStatuses)[number];

export const invitationDto = z.object({
  id: z.string(),
  tenantId: z.string(),
  email: z.string(),
  role: z.enum(tenantRoles),
  status: z.enum(invitationStatuses),
  invitedById: z.string(),
  createdAt: z.iso.datetime(),
  expiresAt: z.iso.datetime(),
  acceptedAt: z.iso.datetime().nullable(),
  revokedAt: z.iso.datetime().nullable(),
});
export type InvitationDto = z.infer<typeof invitationDto>;

/**
 * POST /v1/tenants/:id/invitations (members.write) → 201 { invitation, inviteUrl }. The link is shown once
 * and is valid for 7 days. 403 when the role is not in grantableRoles(caller); 409 fieldErrors.email when
 * the address already belongs to a person or has a pending invitation to this tenant.
 */
export const createInvitationRequest = z.object({
  email,
  role: z.enum(tenantRoles, "Choose a role."),
});
export type CreateInvitationRequest = z.input<typeof createInvitationRequest>;
export const createInvitationResponse = z.object({ invitation: invitationDto, inviteUrl: z.url() });
export type CreateInvitationResponse = z.infer<typeof createInvitationResponse>;

/** GET /v1/tenants/:id/invitations (members.read) → 200, newest first, every status. */
export const listInvitationsResponse = z.object({ invitations: z.array(invitationDto) });
export type ListInvitationsResponse = z.infer<typeof listInvitationsResponse>;

/** DELETE /v1/tenants/:id/invitations/:invitationId (members.write) → 200 { invitation } revoked; 409 when no longer pending. */
export const revokeInvitationResponse = z.object({ invitation: invitationDto });

/**
 * GET /v1/invitations/:token (web tier, no session) → 200; 404 reason `invitation-invalid`;
 * 410 reason `invitation-used` | `invitation-revoked` | `invitation-expired`.
 */
export const invitationPreviewResponse = z.object({
  tenantName: z.string(),
  email: z.string(),
  role: z.enum(roles),
  expiresAt: z.iso.datetime(),
});
export type InvitationPreviewResponse = z.infer<typeof invitationPreviewResponse>;

/**
 * POST /v1/invitations/:token/accept (web tier, no session) → 201 { user }; then sign in as usual.
 * 422 fieldErrors.name/password (password policy); 404/410 as above; 409 reason `email-taken`.
 */
export const acceptInvitationRequest = z.object({
  name: plainText(100, "Enter your name."),
  password: z.string().max(1024, "Use at most 1024 characters."),
});
export type AcceptInvitationRequest = z.input<typeof acceptInvitationRequest>;
export const acceptInvitationResponse = z.object({ user: userDto });
export type AcceptInvitationResponse = z.infer<typeof acceptInvitationResponse>;

/**
 * The rules between fields that a single field's schema cannot state, for a tenant as it will be saved
 * (after a PATCH is merged): field messages, empty when consistent. Shared so forms say the same thing.
 */
export function tenantKindFieldErrors(
  tenant: { kind: TenantKind; districtState: string | null; dataAgreement: string | null; dataAgreementSignedAt: string | null },
  today: string = new Date().toISOString().slice(0, 10),
): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  if (tenant.kind === "district") {
    if (!tenant.districtState) errors.districtState = ["A district must name its state."];
  } else {
    if (tenant.districtState) errors.districtState = ["Only districts record a state."];
    if (tenant.dataAgreement) errors.dataAgreement = ["Only districts record a student-data agreement."];
    if (tenant.dataAgreementSignedAt) errors.dataAgreementSignedAt = ["Only districts record a student-data agreement."];
  }
  if (tenant.dataAgreementSignedAt && !errors.dataAgreementSignedAt) {
    if (!tenant.dataAgreement) errors.dataAgreementSignedAt = ["Name the agreement that was signed."];
    else if (tenant.dataAgreementSignedAt > today) errors.dataAgreementSignedAt = ["The signing date cannot be in the future."];
  }
  return errors;
}
