// The access service's license contract as seen by the web tier and internal components: request and
// response shapes only (no I/O). License keys appear only in the reveal response, never elsewhere.
import { z } from "zod";
import { tierBreaches } from "./catalogue-api";
import { fingerprint } from "./seat-fingerprint";

export const licenseStatuses = ["active", "suspended", "expired", "revoked"] as const;
export type LicenseStatus = (typeof licenseStatuses)[number];

export const licenseStatusLabels: Record<LicenseStatus, string> = {
  active: "Active",
  suspended: "Suspended",
  expired: "Expired",
  revoked: "Revoked",
};

/** Who within the tenant a license is for: a person (a Django row's username), a team, a site or a machine group. */
export const licenseHolderKinds = ["person", "team", "site", "machine_group"] as const;
export type LicenseHolderKind = (typeof licenseHolderKinds)[number];

export const licenseHolderKindLabels: Record<LicenseHolderKind, string> = {
  person: "Person",
  team: "Team",
  site: "Site",
  machine_group: "Machine group",
};

/** A holder names one live license per tenant and application; the name is compared exactly (trimmed). */
export const licenseHolder = z.object({
  kind: z.enum(licenseHolderKinds, "Choose a person, team, site or machine group."),
  name: z.string().trim().min(1, "Name the holder.").max(200, "At most 200 characters."),
});
export type LicenseHolder = z.infer<typeof licenseHolder>;

/** The holder of a license created without one, and of every license from before holders: the tenant as a whole. */
export const tenantWideHolder = (tenantSlug: string): LicenseHolder => ({ kind: "site", name: tenantSlug });

/** "Person alice", "Machine group lab-3": how a holder reads in a sentence. */
export const describeHolder = (h: LicenseHolder) => `${licenseHolderKindLabels[h.kind]} ${h.name}`;

/** Record ids: a type prefix and URL-safe random text (`lic_…`, `ten_…`). */
export const recordId = z.string().trim().min(1).max(64).regex(/^[a-z]+_[A-Za-z0-9_-]+$/, "Not a valid id.");

/** Path parameters of every `/v1/licenses/:id…` route. */
export const licenseIdParams = z.object({ id: recordId });

// ─── List ──────────────────────────────────────────────────────────────────────────────────────────

export const licenseSortFields = ["createdAt", "endsAt", "tenant", "status"] as const;
export type LicenseSortField = (typeof licenseSortFields)[number];

/**
 * GET /v1/licenses (licenses.read) → 200 listLicensesResponse.
 * Keyset pagination: pass `nextCursor` of the previous page as `cursor` with the same filters and sort;
 * a cursor from another sort is refused (422). `search` matches a license id prefix, a tenant name or
 * slug (substring), a component key (prefix) or a holder's name (substring). Non-platform people only ever see their own tenant.
 */
export const listLicensesQuery = z.object({
  search: z.string().trim().max(100).optional(),
  status: z.enum(licenseStatuses).optional(),
  tierId: recordId.optional(),
  tenantId: recordId.optional(),
  componentId: recordId.optional(),
  sort: z.enum(licenseSortFields).default("createdAt"),
  order: z.enum(["asc", "desc"]).default("desc"),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().max(2000).optional(),
});
export type ListLicensesQuery = z.input<typeof listLicensesQuery>;

const isoDate = z.iso.datetime({ offset: true });

export const licenseRow = z.object({
  id: z.string(),
  tenant: z.object({ id: z.string(), name: z.string(), slug: z.string() }),
  component: z.object({ id: z.string(), key: z.string(), name: z.string() }),
  tier: z.object({ id: z.string(), key: z.string(), name: z.string() }),
  holder: licenseHolder,
  /** The effective status: an active license past its end reads "expired" at once, before any sweep. */
  status: z.enum(licenseStatuses),
  seats: z.number().int(),
  startsAt: isoDate,
  endsAt: isoDate,
  createdAt: isoDate,
});
export type LicenseRow = z.infer<typeof licenseRow>;

export const listLicensesResponse = z.object({
  licenses: z.array(licenseRow),
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: z.string().nullable(),
  /** How many licenses match the filters (all pages). */
  total: z.number().int(),
  /** true when `total` is the planner's estimate rather than an exact count (very large results). */
  totalIsEstimate: z.boolean(),
});
export type ListLicensesResponse = z.infer<typeof listLicensesResponse>;

// ─── Detail ────────────────────────────────────────────────────────────────────────────────────────

export const licenseDetail = licenseRow.extend({
  tenant: z.object({ id: z.string(), name: z.string(), slug: z.string(), kind: z.enum(["company", "district"]) }),
  tier: z.object({ id: z.string(), key: z.string(), name: z.string(), seats: z.number().int(), requestsPerMinute: z.number().int() }),
  /** The license's own request-rate quota (validations, introspections and grants a minute); null: its tier's. */
  requestsPerMinute: z.number().int().nullable(),
  /** Scope keys the license carries now: exactly those its tier allows for the license's component. */
  scopes: z.array(z.string()),
  statusChangedAt: isoDate,
  updatedAt: isoDate,
  /** e.g. "django:<unique_id>" for imported licenses; null for those created here. */
  importSource: z.string().nullable(),
});
export type LicenseDetail = z.infer<typeof licenseDetail>;

/** GET /v1/licenses/:id (licenses.read) → 200; 404 when missing or another tenant's. */
export const getLicenseResponse = z.object({ license: licenseDetail });

// ─── Create and actions (licenses.write) ──────────────────────────────────────────────────────────

/**
 * POST /v1/licenses → 201 getLicenseResponse (never the key).
 * 422 fieldErrors (seats above the tier's, end not after start, unknown tenant/component/tier);
 * 409 reason "license-exists" when the holder already has a live (not revoked/expired) license for the
 * component in the tenant; `detail` names that license.
 */
export const createLicenseRequest = z
  .object({
    tenantId: recordId,
    componentId: recordId,
    tierId: recordId,
    /** Defaults to the tenant as a whole: the site named by the tenant's slug (what licenses from before holders have). */
    holder: licenseHolder.optional(),
    /** Defaults to the tier's seats; may not exceed them. */
    seats: z.number().int().min(1, "At least one seat.").max(1_000_000).optional(),
    startsAt: isoDate,
    endsAt: isoDate,
  })
  .refine((v) => Date.parse(v.endsAt) > Date.parse(v.startsAt), { path: ["endsAt"], message: "The end must be after the start." });
export type CreateLicenseRequest = z.infer<typeof createLicenseRequest>;

/** POST /v1/licenses/:id/renew → 200 getLicenseResponse. The new end must be later than the current end and in the future. */
export const renewLicenseRequest = z.object({ endsAt: isoDate });

/** PUT /v1/licenses/:id/request-quota → 200 getLicenseResponse: the license's own requests per minute, or null for its tier's. */
export const setRequestQuotaRequest = z
  .object({
    requestsPerMinute: z.number({ error: "A whole number of requests a minute, or none for the tier's." }).int("A whole number of requests a minute.").min(1, "At least one request a minute.").max(1_000_000, "At most 1 000 000 a minute.").nullable(),
  })
  .strict();
export type SetRequestQuotaRequest = z.infer<typeof setRequestQuotaRequest>;

/** POST /v1/licenses/:id/change-tier → 200 getLicenseResponse. Seats above the new tier's are cut to it. */
export const changeLicenseTierRequest = z.object({ tierId: recordId });

/**
 * GET /v1/licenses/:id/tier-change-preview?tierId= (licenses.write, like change-tier) → 200: what change-tier
 * to that tier would do, saving nothing. A change the tier's rules block is a 200 with allowed false and the
 * breaches; what change-tier refuses whatever the tier's rules (a revoked license, the tier it already has)
 * answers its 409, an unknown tier its 422 (fieldErrors.tierId).
 */
export const tierChangePreviewQuery = z.object({ tierId: recordId });
export const tierChangePreviewResponse = z.object({
  tier: z.object({ id: z.string(), name: z.string(), seats: z.number().int(), tokensPerLicense: z.number().int() }),
  /** Whether change-tier would go through now. */
  allowed: z.boolean(),
  /** What the new tier would break (none when allowed), each with its numbers: "6 seats in use of the tier's 5". */
  breaches: z.array(z.object({ reason: z.enum(tierBreaches), text: z.string() })),
  /** The sentence change-tier would refuse with (409 tier-change-blocked), when not allowed. */
  detail: z.string().nullable(),
  /** The license's seats now and after the change (lowered to the tier's when above them). */
  seats: z.object({ from: z.number().int(), to: z.number().int() }),
  scopesLost: z.array(z.string()),
  scopesGained: z.array(z.string()),
  /** The license is suspended: it is held to the new tier's rules when it is reinstated, not now. */
  rulesApplyOnReinstate: z.boolean(),
});
export type TierChangePreview = z.infer<typeof tierChangePreviewResponse>;

/**
 * POST /v1/licenses/:id/{suspend,reinstate,revoke} (no body) and the two above → 200 getLicenseResponse,
 * or 409 with one of these reasons:
 */
export const licenseConflictReasons = [
  "license-revoked", // any action on a revoked license
  "license-exists", // create/renew/reinstate would give the holder a second live license for the component in the tenant
  "already-suspended", // suspend
  "license-expired", // suspend of an expired license (renew it instead)
  "not-suspended", // reinstate of anything but a suspended license
  "same-tier", // change-tier to the tier it already has
  "tier-change-blocked", // change-tier of an active license to a tier leaving it no scope, fewer seats than in use, or too many live tokens
  "reinstate-blocked", // reinstate of a license its tier, edited while it was suspended, would leave with no scope, fewer seats than in use, or too many live tokens
  "tenant-not-active", // create, reinstate or renew for a tenant that is suspended, being closed or closed (suspend and revoke stay allowed)
] as const;
export type LicenseConflictReason = (typeof licenseConflictReasons)[number];

export const licenseActions = ["suspend", "reinstate", "renew", "change-tier", "revoke"] as const;
export type LicenseAction = (typeof licenseActions)[number];

// ─── Key reveal (license_keys.read) ─────────────────────────────────────────────────────────────────

/**
 * POST /v1/licenses/:id/reveal-key → 200 { key }; 401 reason "reauth-failed" on a wrong password;
 * 429 with retryAfterSeconds after repeated failures.
 */
export const revealLicenseKeyRequest = z.object({ password: z.string().min(1, "Enter your password.").max(1024) });
export const revealLicenseKeyResponse = z.object({ key: z.string() });

// ─── Timeline (licenses.read) ─────────────────────────────────────────────────────────────────────

/** One value of a timeline detail: a name or number, or an instant the browser shows in the viewer's zone. */
export const timelineValue = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("text"), text: z.string() }),
  z.object({ kind: z.literal("time"), at: isoDate }),
]);
export type TimelineValue = z.infer<typeof timelineValue>;

/** What the event changed, with names instead of ids: { label: "Tier", from: Basic, to: Pro }. */
export const timelineDetail = z.object({ label: z.string(), from: timelineValue.nullable(), to: timelineValue });
export type TimelineDetail = z.infer<typeof timelineDetail>;

export const licenseTimelineEvent = z.object({
  id: z.string(),
  occurredAt: isoDate,
  /** e.g. "license.create", "license.suspend", "license.key_reveal", "license.expire". */
  action: z.string(),
  outcome: z.enum(["success", "failure"]),
  /** The event as the audit log says it, with names (contracts/audit-sentences.ts). */
  sentence: z.string(),
  /** `name`: the person's name as it is now (or the event's label). */
  actor: z.object({ type: z.string(), id: z.string().nullable(), label: z.string().nullable(), name: z.string() }),
  /** The address the request came from, as the audit log recorded it. */
  sourceIp: z.string().nullable(),
  /** Non-secret details as recorded, e.g. { from: "active", to: "suspended", tierId: "tier_…" }. */
  data: z.record(z.string(), z.unknown()),
  /** The same details for people: labelled, named, times as instants. */
  details: z.array(timelineDetail),
});
export type LicenseTimelineEvent = z.infer<typeof licenseTimelineEvent>;

/** GET /v1/licenses/:id/timeline → 200 newest first; 503 code "unavailable" while the audit log cannot be read. */
export const licenseTimelineResponse = z.object({ events: z.array(licenseTimelineEvent) });

// ─── Validation (internal components over mTLS, no bearer) ────────────────────────────────────────

/**
 * POST /v1/licenses/validate → 200 validateLicenseResponse (also when invalid); 422 when malformed; 429
 * { valid: false, reason: "rate-limited" } over the license's request-rate quota, with Retry-After.
 */
/** The longest license key validation and activation accept (Tessera's own are 47 characters; imported ones may be longer, never more than this). */
export const licenseKeyMaxLength = 512;

export const validateLicenseRequest = z.object({
  key: z.string().min(1).max(licenseKeyMaxLength),
  /** Also require this scope, e.g. "reports:read". */
  scope: z.string().min(1).max(200).optional(),
  /** Answer only for a seat this fingerprint holds (POST /v1/activations): else not-activated or activation-expired. */
  fingerprint: fingerprint.optional(),
});

export const validationFailureReasons = ["unknown-key", "suspended", "revoked", "expired", "scope-not-granted", "not-yet-valid", "rate-limited", "not-activated", "activation-expired"] as const;
export type ValidationFailureReason = (typeof validationFailureReasons)[number];

export const validateLicenseResponse = z.discriminatedUnion("valid", [
  z.object({
    valid: z.literal(true),
    licenseId: z.string(),
    tenantId: z.string(),
    /** The component key, e.g. "reports". */
    component: z.string(),
    /** The tier key. */
    tier: z.string(),
    scopes: z.array(z.string()),
    expiresAt: isoDate,
    status: z.literal("active"),
  }),
  z.object({ valid: z.literal(false), reason: z.enum(validationFailureReasons) }),
]);
export type ValidateLicenseResponse = z.infer<typeof validateLicenseResponse>;
