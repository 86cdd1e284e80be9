// OAuth 2.0 contract: OAuth clients of a license (web tier, for people) and the protocol shapes internal
// components speak over mTLS (RFC 8414 metadata, RFC 6749 §4.4 client credentials, RFC 8705 binding).
import { z } from "zod";
import { identityPattern } from "./identities";
import { legitimateInterest } from "./disclosure-api";
import { recordId } from "./license-api";
import { introspectionRequest } from "./token-api";

const isoDate = z.iso.datetime({ offset: true });

// ─── OAuth clients of a license (web tier: oauth_clients.read to list, oauth_clients.write to write) ─────

/** Path parameters of `/v1/oauth-clients/:id…` routes. */
export const oauthClientIdParams = z.object({ id: recordId });

export const oauthClientDto = z.object({
  /** "cli_…": the OAuth client_id. */
  id: z.string(),
  licenseId: z.string(),
  tenantId: z.string(),
  name: z.string(),
  /** The internal-CA identity (certificate CN) the client must present (RFC 8705 tls_client_auth). */
  certIdentity: z.string(),
  /** The most its tokens may carry (still cut to the license's scopes at every introspection). */
  scopes: z.array(z.string()),
  tokenTtlSeconds: z.number().int(),
  createdById: z.string(),
  createdAt: isoDate,
  revokedAt: isoDate.nullable(),
  /** The legitimate interest declared at registration, carried by every token it obtains; null if none was given. */
  purpose: z.string().nullable(),
});
export type OAuthClientDto = z.infer<typeof oauthClientDto>;

/** The shortest token lifetime a client may be registered with. */
export const oauthClientMinTtlSeconds = 60;

/**
 * POST /v1/licenses/:id/oauth-clients → 201 { client }. 422 fieldErrors: scopes not among the license's,
 * tokenTtlSeconds above the tier's maximum token lifetime, certIdentity naming one of Tessera's own
 * services (they never use the grant). 404: license missing or another tenant's.
 */
export const registerOAuthClientRequest = z.object({
  name: z.string().trim().min(1, "Enter a name.").max(100, "At most 100 characters."),
  certIdentity: z.string().regex(identityPattern, "An identity name: lowercase letters, digits and dashes."),
  scopes: z.array(z.string().min(1).max(200)).min(1, "Choose at least one scope.").max(100),
  /** Defaults to the tier's default token lifetime; at most its maximum. */
  tokenTtlSeconds: z.number().int().min(oauthClientMinTtlSeconds, "At least 60 seconds.").max(10 * 366 * 86_400).optional(),
  /** Why the component needs the tenant's data (34 CFR 99.31(a)(1)): required on a district's licenses (422 otherwise). */
  purpose: legitimateInterest.optional(),
});
export type RegisterOAuthClientRequest = z.infer<typeof registerOAuthClientRequest>;

export const oauthClientResponse = z.object({ client: oauthClientDto });
export type OAuthClientResponse = z.infer<typeof oauthClientResponse>;

/**
 * GET /v1/licenses/:id/oauth-clients → 200, newest first (revoked ones included), with the license's limits
 * for the register dialog: the scopes it carries now and the token lifetimes its tier allows.
 */
export const listOAuthClientsResponse = z.object({
  clients: z.array(oauthClientDto),
  limits: z.object({
    scopes: z.array(z.string()),
    defaultTtlSeconds: z.number().int(),
    maxTtlSeconds: z.number().int(),
    /** A district's license: a new client must declare its purpose. */
    purposeRequired: z.boolean(),
  }),
});
export type ListOAuthClientsResponse = z.infer<typeof listOAuthClientsResponse>;

/** POST /v1/oauth-clients/:id/revoke (no body) → 200 { client, revokedTokens }; 409 reason "already-revoked". */
export const revokeOAuthClientResponse = oauthClientResponse.extend({ revokedTokens: z.number().int() });
export type RevokeOAuthClientResponse = z.infer<typeof revokeOAuthClientResponse>;

// ─── Protocol (internal components over mTLS) ─────────────────────────────────────────────────────

/** GET /.well-known/oauth-authorization-server (RFC 8414 §3.2, with RFC 8705 §3.3 and §5). */
export const authorizationServerMetadata = z.object({
  issuer: z.string(),
  token_endpoint: z.string(),
  introspection_endpoint: z.string(),
  revocation_endpoint: z.string(),
  grant_types_supported: z.array(z.string()),
  response_types_supported: z.array(z.string()),
  token_endpoint_auth_methods_supported: z.array(z.string()),
  introspection_endpoint_auth_methods_supported: z.array(z.string()),
  revocation_endpoint_auth_methods_supported: z.array(z.string()),
  tls_client_certificate_bound_access_tokens: z.literal(true),
  mtls_endpoint_aliases: z.object({ token_endpoint: z.string(), introspection_endpoint: z.string(), revocation_endpoint: z.string() }),
});
export type AuthorizationServerMetadata = z.infer<typeof authorizationServerMetadata>;

/** POST /oauth/token (RFC 6749 §4.4.2), form-encoded; `scope` is space-separated. */
export const tokenRequest = z.object({
  grant_type: z.string().min(1).max(200),
  client_id: z.string().min(1).max(200).optional(),
  scope: z.string().max(4096).optional(),
});

/** RFC 6749 §5.1, sent with cache-control: no-store. */
export const tokenResponse = z.object({
  access_token: z.string(),
  token_type: z.literal("Bearer"),
  expires_in: z.number().int(),
  scope: z.string(),
});
export type TokenResponse = z.infer<typeof tokenResponse>;

// temporarily_unavailable (RFC 6749 §4.1.2.1's code for a server that cannot take the request now): the
// license's request-rate quota is used up, answered 429 with Retry-After and the rate-limit fields.
export const oauthErrorCodes = ["invalid_request", "invalid_client", "invalid_grant", "unauthorized_client", "unsupported_grant_type", "invalid_scope", "temporarily_unavailable"] as const;
export type OAuthErrorCode = (typeof oauthErrorCodes)[number];

/** RFC 6749 §5.2: what /oauth/token answers on any refusal (application/json, not problem+json). */
export const oauthErrorResponse = z.object({ error: z.enum(oauthErrorCodes), error_description: z.string() });
export type OAuthErrorResponse = z.infer<typeof oauthErrorResponse>;

/**
 * POST /oauth/introspect accepts, beyond RFC 7662, `cnf_x5t_s256`: the base64url SHA-256 thumbprint of
 * the client certificate the token was presented over. Binding rule: when it is given and the token is
 * certificate-bound, a different thumbprint answers {"active": false}; when it is absent, the answer
 * carries `cnf["x5t#S256"]` for the resource server to compare itself (RFC 8705 §3.2). Unbound tokens
 * (created by people) ignore it.
 */
export const boundIntrospectionRequest = introspectionRequest.extend({
  cnf_x5t_s256: z.string().regex(/^[A-Za-z0-9_-]{43}$/, "A base64url SHA-256 thumbprint.").optional(),
});
