// The access service's catalogue contract (components, scopes, service tiers) as the web tier sees it:
// request and response shapes only. Who may call each endpoint: contracts/access-policies.ts; errors are
// problem+json (contracts/problem.ts); 422 carries fieldErrors keyed by the request field names below.
import { z } from "zod";
import { identityPattern, isTesseraIdentity } from "./identities";

// ---- keys -------------------------------------------------------------------------------------------

const keyPart = /^[a-z][a-z0-9_-]{0,39}$/;
const keyMessage = "Use 1–40 lowercase letters, digits, - or _, starting with a letter.";

/** A component key, e.g. "reports". Lowercase; never changes once created. */
export const componentKey = z.string().regex(keyPart, keyMessage);
/** A scope key "<component key>:<action>", e.g. "reports:read". */
export const scopeKey = z
  .string()
  .regex(/^[a-z][a-z0-9_-]{0,39}:[a-z][a-z0-9_-]{0,39}$/, "Use <component>:<action> in lowercase, e.g. reports:read.");
/** A tier key, e.g. "enterprise". Lowercase; never changes once created. */
export const tierKey = z.string().regex(keyPart, keyMessage);

const name = z.string().trim().min(1, "Enter a name.").max(100, "Use at most 100 characters.");
const description = z.string().trim().max(500, "Use at most 500 characters.");

// ---- components and scopes --------------------------------------------------------------------------

export const scopeDto = z.object({
  id: z.string(), // scp_…
  key: z.string(),
  componentId: z.string(),
  description: z.string(),
  /** Retired: no tier may newly grant it; tiers and tokens that carry it keep it. */
  retiredAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
});
export type ScopeDto = z.infer<typeof scopeDto>;

export const componentDto = z.object({
  id: z.string(), // cmp_…
  key: z.string(),
  name: z.string(),
  description: z.string(),
  /** Retired: no new license or tier scope may use it; existing licenses keep working. */
  retiredAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
  /** Sorted by key. */
  scopes: z.array(scopeDto),
});
export type ComponentDto = z.infer<typeof componentDto>;

/** GET /v1/components (catalog.read: every role but district_reviewer) → 200, sorted by key. */
export const listComponentsResponse = z.object({ components: z.array(componentDto) });
export type ListComponentsResponse = z.infer<typeof listComponentsResponse>;

/** POST /v1/components (catalog.write) → 201; 422 fieldErrors; 409 fieldErrors.key when the key exists. */
export const createComponentRequest = z.strictObject({
  key: componentKey,
  name,
  description: description.default(""),
});
export type CreateComponentRequest = z.input<typeof createComponentRequest>;
export const createComponentResponse = z.object({ component: componentDto });
/** GET /v1/components/:id → 200; 404 unknown component. */
export const getComponentResponse = z.object({ component: componentDto });
export type GetComponentResponse = z.infer<typeof getComponentResponse>;

/**
 * POST /v1/components/:id/scopes (catalog.write) → 201; 404 unknown component; 422 fieldErrors.key when
 * the key does not start with "<component key>:"; 409 fieldErrors.key when the scope exists.
 */
export const createScopeRequest = z.strictObject({
  key: scopeKey,
  description: description.default(""),
});
export type CreateScopeRequest = z.input<typeof createScopeRequest>;
export const createScopeResponse = z.object({ scope: scopeDto });

/** Path id of a component ("cmp_…"); a malformed id answers 422, an unknown one 404. */
export const componentIdParams = z.object({ id: z.string().regex(/^cmp_[A-Za-z0-9_-]{1,64}$/, "Not a component id.") });

// ---- resource servers of a component --------------------------------------------------------------

/**
 * The certificate identity (CN) of a resource server: it may introspect the component's tokens and
 * validate its licenses. Tessera's own identities (web, access, audit, operator) never serve a component.
 */
export const resourceServerIdentity = z
  .string()
  .trim()
  .regex(identityPattern, "Use the certificate's identity: lowercase letters, digits and dashes, starting with a letter (at most 63).")
  .refine((identity) => !isTesseraIdentity(identity), "That is one of Tessera's own identities, not a component's.");

export const resourceServerDto = z.object({
  componentId: z.string(),
  identity: z.string(),
  createdAt: z.iso.datetime(),
});
export type ResourceServerDto = z.infer<typeof resourceServerDto>;

/** GET /v1/components/:id/resource-servers (catalog.read) → 200, sorted by identity; 404 unknown component. */
export const listResourceServersResponse = z.object({ resourceServers: z.array(resourceServerDto) });
export type ListResourceServersResponse = z.infer<typeof listResourceServersResponse>;

/** POST /v1/components/:id/resource-servers (catalog.write) → 201; 422 fieldErrors.identity; 409 fieldErrors.identity when registered already. */
export const addResourceServerRequest = z.strictObject({ identity: resourceServerIdentity });
export type AddResourceServerRequest = z.input<typeof addResourceServerRequest>;
export const addResourceServerResponse = z.object({ resourceServer: resourceServerDto });

/** DELETE /v1/components/:id/resource-servers/:identity (catalog.write) → 204; 404 when not registered. */
export const resourceServerParams = componentIdParams.extend({ identity: z.string().regex(identityPattern, "Not a certificate identity.") });

// ---- service tiers ------------------------------------------------------------------------------------

/** The quota fields of a tier, in display order, with labels for forms and change lists. */
export const quotaFields = ["seats", "tokensPerLicense", "requestsPerMinute", "tokenDefaultTtlHours", "tokenMaxTtlHours", "heartbeatWindowMinutes"] as const;
export type QuotaField = (typeof quotaFields)[number];
export const quotaLabels: Record<QuotaField, string> = {
  seats: "Seats",
  tokensPerLicense: "Tokens per license",
  requestsPerMinute: "Requests per minute",
  tokenDefaultTtlHours: "Default token lifetime (hours)",
  tokenMaxTtlHours: "Maximum token lifetime (hours)",
  heartbeatWindowMinutes: "Seat heartbeat window (minutes)",
};
/** A seat (activation) idle this long without a heartbeat frees itself, unless the tier says otherwise. */
export const defaultHeartbeatWindowMinutes = 60;
/** Upper bounds: generous, but far from a 32-bit column's limit. */
export const quotaMaximum: Record<QuotaField, number> = {
  seats: 1_000_000,
  tokensPerLicense: 100_000,
  requestsPerMinute: 10_000_000,
  tokenDefaultTtlHours: 87_600, // ten years
  tokenMaxTtlHours: 87_600,
  heartbeatWindowMinutes: 43_200, // thirty days
};

const quota = (field: QuotaField) =>
  z
    .number({ error: "Enter a whole number." })
    .int("Enter a whole number.")
    .positive("Must be at least 1.")
    .max(quotaMaximum[field], `Must be at most ${quotaMaximum[field].toLocaleString("en-US")}.`);

/** Scope keys a tier allows (unknown keys answer 422 fieldErrors.scopes); duplicates are ignored. */
const tierScopes = z
  .array(scopeKey)
  .min(1, "Choose at least one scope.")
  .max(500, "Choose at most 500 scopes.")
  .transform((keys) => [...new Set(keys)].sort());

const ttlOrder = (v: { tokenDefaultTtlHours?: number; tokenMaxTtlHours?: number }) =>
  v.tokenDefaultTtlHours === undefined || v.tokenMaxTtlHours === undefined || v.tokenDefaultTtlHours <= v.tokenMaxTtlHours;
const ttlOrderError = { message: "The default token lifetime cannot exceed the maximum.", path: ["tokenDefaultTtlHours"] };

export const tierDto = z.object({
  id: z.string(), // tier_…
  key: z.string(),
  name: z.string(),
  description: z.string(),
  seats: z.number().int(),
  tokensPerLicense: z.number().int(),
  requestsPerMinute: z.number().int(),
  tokenDefaultTtlHours: z.number().int(),
  tokenMaxTtlHours: z.number().int(),
  /** How long an activation keeps its seat without a heartbeat. */
  heartbeatWindowMinutes: z.number().int(),
  /** Scope keys, sorted. */
  scopes: z.array(z.string()),
  /** Licenses on this tier, any status, that the caller may see (platform admins: all; others: their tenant's). */
  licenseCount: z.number().int(),
  createdAt: z.iso.datetime(),
  /** Send back as expectedUpdatedAt on PATCH to refuse saving over someone else's edit. */
  updatedAt: z.iso.datetime(),
});
export type TierDto = z.infer<typeof tierDto>;

/** Path id of a tier ("tier_…"); a malformed id answers 422, an unknown one 404. */
export const tierIdParams = z.object({ id: z.string().regex(/^tier_[A-Za-z0-9_-]{1,64}$/, "Not a tier id.") });

/** GET /v1/tiers (tiers.read: every role but district_reviewer) → 200, oldest first. */
export const listTiersResponse = z.object({ tiers: z.array(tierDto) });
export type ListTiersResponse = z.infer<typeof listTiersResponse>;

/** GET /v1/tiers/:id (tiers.read) → 200; 404. */
export const getTierResponse = z.object({ tier: tierDto });
export type GetTierResponse = z.infer<typeof getTierResponse>;

/** POST /v1/tiers (tiers.write) → 201 { tier }; 422 fieldErrors (incl. unknown scopes); 409 fieldErrors.key. */
export const createTierRequest = z
  .strictObject({
    key: tierKey,
    name,
    description: description.default(""),
    seats: quota("seats"),
    tokensPerLicense: quota("tokensPerLicense"),
    requestsPerMinute: quota("requestsPerMinute"),
    tokenDefaultTtlHours: quota("tokenDefaultTtlHours"),
    tokenMaxTtlHours: quota("tokenMaxTtlHours"),
    heartbeatWindowMinutes: quota("heartbeatWindowMinutes").default(defaultHeartbeatWindowMinutes),
    scopes: tierScopes,
  })
  .refine(ttlOrder, ttlOrderError);
export type CreateTierRequest = z.input<typeof createTierRequest>;
export const createTierResponse = z.object({ tier: tierDto });

/**
 * PATCH /v1/tiers/:id and POST /v1/tiers/:id/preview (tiers.write). Every field optional but at least one
 * besides expectedUpdatedAt; `scopes` replaces the whole set. The key cannot change. With
 * expectedUpdatedAt, a tier changed since then answers 409 reason "tier-changed".
 */
export const updateTierRequest = z
  .strictObject({
    name: name.optional(),
    description: description.optional(),
    seats: quota("seats").optional(),
    tokensPerLicense: quota("tokensPerLicense").optional(),
    requestsPerMinute: quota("requestsPerMinute").optional(),
    tokenDefaultTtlHours: quota("tokenDefaultTtlHours").optional(),
    tokenMaxTtlHours: quota("tokenMaxTtlHours").optional(),
    heartbeatWindowMinutes: quota("heartbeatWindowMinutes").optional(),
    scopes: tierScopes.optional(),
    expectedUpdatedAt: z.iso.datetime().optional(),
  })
  .refine(ttlOrder, ttlOrderError)
  .refine((v) => Object.keys(v).some((k) => k !== "expectedUpdatedAt"), { message: "Change at least one field.", path: ["_"] });
export type UpdateTierRequest = z.input<typeof updateTierRequest>;

export const quotaChange = z.object({ field: z.enum(quotaFields), from: z.number().int(), to: z.number().int() });
export type QuotaChange = z.infer<typeof quotaChange>;

/** What an edit changes in the tier itself (also the data of the tier.update audit event). */
export const tierChanges = z.object({
  scopesAdded: z.array(z.string()),
  scopesRemoved: z.array(z.string()),
  quotaChanges: z.array(quotaChange),
  /** Other fields that change: "name", "description". */
  fieldsChanged: z.array(z.string()),
});
export type TierChanges = z.infer<typeof tierChanges>;

/** PATCH /v1/tiers/:id → 200; 404; 409 tier-changed or tier-change-blocked (active licenses would break the tier's rules: see the preview's `blocking`); 422 fieldErrors (unknown scopes, TTL order). */
export const updateTierResponse = z.object({ tier: tierDto, changes: tierChanges });
export type UpdateTierResponse = z.infer<typeof updateTierResponse>;

/**
 * A license whose scopes an edit would widen or narrow. A license carries the tier's scopes of its own
 * component, so only licenses whose component has a scope added or removed appear. Revoked licenses
 * are left out (final: they carry nothing).
 */
export const affectedLicense = z.object({
  licenseId: z.string(),
  tenantId: z.string(),
  tenantName: z.string(),
  componentKey: z.string(),
  status: z.enum(["active", "suspended", "expired", "revoked"]),
  scopesAdded: z.array(z.string()),
  scopesRemoved: z.array(z.string()),
});
export type AffectedLicense = z.infer<typeof affectedLicense>;

/** Why an active license blocks a tier edit or a change of tier: the rules of creation. */
export const tierBreaches = ["no-scopes", "over-seats", "over-tokens"] as const;
export type TierBreach = (typeof tierBreaches)[number];
export const tierBreachLabels: Record<TierBreach, string> = { "no-scopes": "No scope left", "over-seats": "More seats than the tier allows", "over-tokens": "More live tokens than the tier allows" };

/**
 * An active license the edit would leave breaking the tier's rules. `seats`: the license's (a tier
 * edit) or those in use (a change of tier); `liveTokens`: its fullest token pool.
 */
export const blockingLicense = z.object({
  licenseId: z.string(),
  tenantId: z.string(),
  tenantName: z.string(),
  componentKey: z.string(),
  reasons: z.array(z.enum(tierBreaches)),
  seats: z.number().int(),
  liveTokens: z.number().int(),
});
export type BlockingLicense = z.infer<typeof blockingLicense>;

/** POST /v1/tiers/:id/preview (tiers.write) with an update body → 200; nothing is saved. */
export const tierPreviewResponse = z.object({
  tier: tierDto,
  changes: tierChanges,
  licenses: z.object({
    /** Licenses on the tier that are not revoked (quota changes reach all of them). */
    onTier: z.number().int(),
    /** Licenses that would gain or lose scopes. */
    affectedCount: z.number().int(),
    /** The first 50 of those, by tenant name then license id. */
    affected: z.array(affectedLicense),
    /** Active licenses the edit would leave with no scope, or over the seats or live tokens it allows: saving is refused (409 tier-change-blocked) while any remain. */
    blockingCount: z.number().int(),
    /** The first 50 of those, by tenant name then license id. */
    blocking: z.array(blockingLicense),
  }),
});
export type TierPreviewResponse = z.infer<typeof tierPreviewResponse>;
export const previewLicenseLimit = 50;

/** Parsed (defaults applied) request shapes, as the service's rules receive them. */
export type CreateComponentInput = z.output<typeof createComponentRequest>;
export type CreateScopeInput = z.output<typeof createScopeRequest>;
export type CreateTierInput = z.output<typeof createTierRequest>;
export type UpdateTierInput = z.output<typeof updateTierRequest>;

// ─── Rename and retire (catalog.write) ─────────────────────────────────────────────────────────────

/**
 * PATCH /v1/components/:id → 200 { component }: a new name and/or description. The key stays: components
 * and tokens name scopes by it. PATCH /v1/scopes/:id → 200 { scope }: a new description (its label).
 */
export const renameComponentRequest = z
  .strictObject({ name: name.optional(), description: description.optional() })
  .refine((r) => r.name !== undefined || r.description !== undefined, { message: "Give a new name or description.", path: ["name"] });
export type RenameComponentRequest = z.input<typeof renameComponentRequest>;
export const renameScopeRequest = z.strictObject({ description });
export type RenameScopeRequest = z.input<typeof renameScopeRequest>;
/**
 * POST /v1/components/:id/retire and /v1/scopes/:id/retire → 200: from now on no new license (component)
 * or tier scope uses it; existing ones keep working and show "retired". `confirmKey` is its key, typed.
 * 409 reason already-retired.
 */
export const retireRequest = z.strictObject({ confirmKey: z.string().trim().max(200) });
export const scopeIdParams = z.object({ id: z.string().regex(/^scp_[A-Za-z0-9_-]{1,64}$/, "Not a scope id.") });
