// The access service's token contract as seen by the web tier and internal components: request and
// response shapes only (no I/O). A token's secret appears only in the create and rotate responses, once.
import { z } from "zod";
import { legitimateInterest } from "./disclosure-api";
import { recordId } from "./license-api";

export const tokenStatuses = ["active", "expired", "revoked"] as const;
export type TokenStatus = (typeof tokenStatuses)[number];

export const tokenStatusLabels: Record<TokenStatus, string> = { active: "Active", expired: "Expired", revoked: "Revoked" };

const isoDate = z.iso.datetime({ offset: true });

/** Path parameters of `/v1/tokens/:id…` routes. (License routes use `licenseIdParams` from license-api.) */
export const tokenIdParams = z.object({ id: recordId });

/** A person shown beside a token (creator, revoker); null fields when the account is gone. */
const personRef = z.object({ id: z.string(), name: z.string().nullable(), email: z.string().nullable() });

export const tokenDto = z.object({
  id: z.string(),
  licenseId: z.string(),
  tenantId: z.string(),
  name: z.string(),
  /** "tsr_" + the first 8 characters of the token: enough to recognise it, not a secret. */
  displayPrefix: z.string(),
  /** The scopes it was created with. */
  scopes: z.array(z.string()),
  /**
   * What it grants now: `scopes` ∩ the license's current scopes, and [] unless `status` is "active"
   * and the license is active (a suspended license's tokens grant nothing until it is reinstated).
   */
  effectiveScopes: z.array(z.string()),
  /** The token's own state (active also while its license is suspended; see `licenseActive`). */
  status: z.enum(tokenStatuses),
  /** False while the license is suspended, revoked or expired: then the token is refused everywhere. */
  licenseActive: z.boolean(),
  createdAt: isoDate,
  createdBy: personRef.nullable(),
  /** The OAuth client that obtained it (client credentials), or null when a person created it. */
  clientId: z.string().nullable(),
  expiresAt: isoDate,
  lastUsedAt: isoDate.nullable(),
  revokedAt: isoDate.nullable(),
  revokedBy: personRef.nullable(),
  /** "revoked" or "leaked" (a person, saying why), "revoke-all", "oauth-revoke" (RFC 7009 by a component), "leak-reported" (a secret scanner). */
  revokeReason: z.string().nullable(),
  /** Rotation: the token this one replaced. */
  rotatedFromId: z.string().nullable(),
  /** The legitimate interest declared at creation (an OAuth client's tokens carry the client's); null if none was given. */
  purpose: z.string().nullable(),
  /** The lifetime it was issued for, in whole hours (rounded up): what a rotation keeps unless told otherwise. */
  lifetimeHours: z.number().int(),
});
export type TokenDto = z.infer<typeof tokenDto>;

/**
 * What a whole pasted token looks like: it belongs in the leaked-token lookup (a POST body), never in a
 * query string. With its `tsr_`, more than a display prefix (20 characters on); without it, most of a
 * token's 49 (40 letters and digits in a row: no name or prefix search needs that many).
 */
export const wholeTokenShape = /tsr_[0-9A-Za-z]{20,}|[0-9A-Za-z]{40,}/;

// ─── List (licenses.read) ─────────────────────────────────────────────────────────────────────────

/**
 * GET /v1/licenses/:id/tokens → 200 listTokensResponse, newest first; 404 when the license is missing or
 * another tenant's. `search` matches the name (substring, case-insensitive) or the display prefix (prefix,
 * with or without "tsr_"); a whole token in it is refused (422): it would travel in an address, use
 * POST /v1/tokens/lookup. Keyset pages: pass `nextCursor` back as `cursor` with the same filters.
 */
export const listTokensQuery = z.object({
  search: z
    .string()
    .trim()
    .max(100)
    .refine((s) => !wholeTokenShape.test(s), "This looks like a whole token: paste it into the leaked-token lookup instead, which never puts it in an address.")
    .optional(),
  status: z.enum(tokenStatuses).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().max(500).optional(),
});
export type ListTokensQuery = z.input<typeof listTokensQuery>;

export const listTokensResponse = z.object({
  tokens: z.array(tokenDto),
  nextCursor: z.string().nullable(),
  /** How many tokens match the filters (all pages). */
  total: z.number().int(),
  /** The license's limits, for the create dialog: scopes it may grant, TTLs, how many live tokens are allowed/used. */
  limits: z.object({
    scopes: z.array(z.string()),
    defaultTtlHours: z.number().int(),
    maxTtlHours: z.number().int(),
    /** The tier's cap on live tokens made by people (each OAuth client has a pool of the same size of its own). */
    maxLiveTokens: z.number().int(),
    /** Live tokens made by people, counted against maxLiveTokens. */
    liveTokens: z.number().int(),
    /** A district's license: a new token must declare its purpose. */
    purposeRequired: z.boolean(),
  }),
});
export type ListTokensResponse = z.infer<typeof listTokensResponse>;

// ─── Every token the person may see (tokens.read) ─────────────────────────────────────────────────

export const tokenExpiryWindows = ["24h", "7d", "30d"] as const;
export type TokenExpiryWindow = (typeof tokenExpiryWindows)[number];
export const tokenExpiryWindowLabels: Record<TokenExpiryWindow, string> = { "24h": "Expires within 24 hours", "7d": "Expires within 7 days", "30d": "Expires within 30 days" };

/**
 * GET /v1/tokens → 200 listAllTokensResponse: every token of every license the person may see (their
 * tenant's; a platform administrator's: all), newest first, in keyset pages like the license's list.
 * `search` as there (name or display prefix); `expiresWithin`: live tokens ending within the window.
 * A whole token in `search` is refused (422): it would travel in an address; use POST /v1/tokens/lookup.
 */
export const listAllTokensQuery = listTokensQuery.extend({
  licenseId: recordId.optional(),
  tenantId: recordId.optional(),
  expiresWithin: z.enum(tokenExpiryWindows).optional(),
});
export type ListAllTokensQuery = z.input<typeof listAllTokensQuery>;

/** A token with the license and tenant it belongs to, for tables across licenses. */
export const tokenListRow = tokenDto.extend({
  license: z.object({ id: z.string(), component: z.object({ key: z.string(), name: z.string() }) }),
  tenant: z.object({ id: z.string(), name: z.string() }),
});
export type TokenListRow = z.infer<typeof tokenListRow>;

export const listAllTokensResponse = z.object({
  tokens: z.array(tokenListRow),
  nextCursor: z.string().nullable(),
  /** How many tokens match the filters (all pages). */
  total: z.number().int(),
});
export type ListAllTokensResponse = z.infer<typeof listAllTokensResponse>;

// ─── Read (licenses.read) ─────────────────────────────────────────────────────────────────────────

/** GET /v1/tokens/:id → 200; 404 when missing or another tenant's. */
export const getTokenResponse = z.object({ token: tokenDto });
export type GetTokenResponse = z.infer<typeof getTokenResponse>;

// ─── Create, rotate, revoke (tokens.write: platform and tenant administrators) ───────────────

/** A token's lifetime in hours, as a person asks for it (create, rotate): at most the tier's maximum. */
const tokenLifetimeHours = z.number().int().min(1, "At least one hour.").max(24 * 366 * 10);

export const tokenName = z.string().trim().min(1, "Enter a name.").max(100, "At most 100 characters.");

/**
 * POST /v1/licenses/:id/tokens → 201 createTokenResponse (the secret, shown once).
 * 422 fieldErrors: scopes not among the license's, expiresInHours above the tier's maximum;
 * 409 reason "license-not-active" (suspended/revoked/expired license) or "token-limit" (the tier's live-token cap).
 */
export const createTokenRequest = z.object({
  name: tokenName,
  scopes: z.array(z.string().min(1).max(200)).min(1, "Choose at least one scope.").max(100),
  /** Defaults to the tier's default; at most the tier's maximum. */
  expiresInHours: tokenLifetimeHours.optional(),
  /** Why the token needs the tenant's data (34 CFR 99.31(a)(1)): required on a district's licenses (422 otherwise). */
  purpose: legitimateInterest.optional(),
});
export type CreateTokenRequest = z.infer<typeof createTokenRequest>;

export const createTokenResponse = z.object({
  token: tokenDto,
  /** "tsr_…": shown once, never retrievable again. */
  secret: z.string(),
});
export type CreateTokenResponse = z.infer<typeof createTokenResponse>;

/**
 * POST /v1/tokens/:id/rotate → 201 createTokenResponse (the new token, same name and scopes, and the
 * old token's lifetime unless `expiresInHours` says otherwise; never above the tier's maximum); the old
 * token keeps working for `graceHours` (0: ends now), then expires.
 * 409 reason "token-not-active" (revoked/expired) or "license-not-active"; 422 fieldErrors.expiresInHours.
 */
export const rotateTokenRequest = z.object({ graceHours: z.number().int().min(0).max(168).default(0), expiresInHours: tokenLifetimeHours.optional() });
export type RotateTokenRequest = z.input<typeof rotateTokenRequest>;

/** Why a person revoked a token, as stored in `revokeReason` ("revoked": no longer needed, the default). */
export const personRevokeReasons = ["revoked", "leaked"] as const;
export type PersonRevokeReason = (typeof personRevokeReasons)[number];
export const personRevokeReasonLabels: Record<PersonRevokeReason, string> = { revoked: "No longer needed", leaked: "Leaked or exposed" };

/** POST /v1/tokens/:id/revoke (no body, or this) → 200 getTokenResponse; 409 reason "already-revoked". */
export const revokeTokenRequest = z.object({ reason: z.enum(personRevokeReasons).default("revoked") }).strict();
export type RevokeTokenRequest = z.input<typeof revokeTokenRequest>;

/** POST /v1/licenses/:id/tokens/revoke-all (no body) → 200 { revoked: n } — every live token of the license. */
export const revokeAllTokensResponse = z.object({ revoked: z.number().int() });

export const tokenConflictReasons = ["license-not-active", "token-limit", "token-not-active", "already-revoked"] as const;
export type TokenConflictReason = (typeof tokenConflictReasons)[number];

// ─── OAuth 2.0 (internal components over mTLS; not the web tier) ─────────────────────────────────

/** POST /oauth/introspect (RFC 7662), form-encoded or JSON: `token`, optional `token_type_hint`. */
export const introspectionRequest = z.object({
  token: z.string().min(1).max(4096),
  token_type_hint: z.string().max(100).optional(),
});

export const introspectionResponse = z.union([
  z.object({
    active: z.literal(true),
    /** Space-separated effective scopes. */
    scope: z.string(),
    client_id: z.string().optional(),
    exp: z.number().int(),
    iat: z.number().int(),
    /** The token id. */
    sub: z.string(),
    /** The component key of the license. */
    aud: z.string().optional(),
    /** RFC 7662 §2.2: the token's type as in RFC 6749 §5.1. */
    token_type: z.literal("Bearer"),
    license_id: z.string(),
    tenant_id: z.string(),
    /** RFC 8705: present when the token is bound to a client certificate (OAuth client tokens). */
    cnf: z.object({ "x5t#S256": z.string() }).optional(),
  }),
  z.object({ active: z.literal(false) }).strict(),
]);
export type IntrospectionResponse = z.infer<typeof introspectionResponse>;

/** POST /oauth/revoke (RFC 7009): `token`, optional `token_type_hint` → 200 with an empty body, always. */
export const revocationRequest = introspectionRequest;

// ─── Usage over time (licenses.read) ──────────────────────────────────────────────────────────────

/** 24h: hourly buckets; 7d: 6-hour buckets; 30d: daily buckets (UTC-aligned, the last one holds now). */
export const usageRanges = ["24h", "7d", "30d"] as const;
export type UsageRange = (typeof usageRanges)[number];

/** `?range=24h|7d|30d` (default 24h); anything else answers 400. */
export const tokenUsageQuery = z.object({ range: z.enum(usageRanges).default("24h") }).strict();
export type TokenUsageQuery = z.input<typeof tokenUsageQuery>;

const usageCounts = {
  /** Introspections answered active. */
  uses: z.number().int(),
  /** Introspections of this token answered inactive (revoked, expired, license not active, scope gone). */
  refusals: z.number().int(),
};

const rateLimitedCount = {
  /** A license's series only: its validations, introspections and token requests refused over its request-rate quota. */
  rateLimited: z.number().int().optional(),
};

/**
 * Every bucket of the range, oldest first, zeros included. Counts reach the database in batches (about
 * every 30 s per access process), so the newest bucket may lag by that much.
 */
export const usageSeries = z.object({
  range: z.enum(usageRanges),
  bucketHours: z.number().int(),
  from: isoDate,
  to: isoDate,
  buckets: z.array(z.object({ start: isoDate, ...usageCounts, ...rateLimitedCount })),
  totals: z.object({ ...usageCounts, ...rateLimitedCount }),
});
export type UsageSeries = z.infer<typeof usageSeries>;

/** GET /v1/tokens/:id/usage?range= → 200; 404 when the token is missing or another tenant's. */
export const tokenUsageResponse = z.object({ usage: usageSeries });
export type TokenUsageResponse = z.infer<typeof tokenUsageResponse>;

/**
 * GET /v1/licenses/:id/token-usage?range= → 200: the sum over the license's tokens, and its busiest tokens
 * in the range (at most 5, by uses then refusals); 404 when the license is missing or another tenant's.
 */
export const licenseTokenUsageResponse = z.object({
  usage: usageSeries,
  topTokens: z.array(z.object({ id: z.string(), name: z.string(), displayPrefix: z.string(), ...usageCounts })),
});
export type LicenseTokenUsageResponse = z.infer<typeof licenseTokenUsageResponse>;
