// OAuth 2.0 endpoints for internal components over mTLS (never Tessera's own identities): RFC 8414 metadata,
// RFC 6749 §4.4 client credentials (RFC 8705 tls_client_auth, certificate-bound tokens), RFC 7662
// introspection and RFC 7009 revocation, form-encoded as the RFCs say (JSON accepted too).
import type { FastifyInstance } from "fastify";
import { accessPolicies as policies } from "../../../contracts/access-policies";
import { authorizationServerMetadata, boundIntrospectionRequest, oauthErrorResponse, tokenRequest, tokenResponse } from "../../../contracts/oauth-api";
import { introspectionResponse, revocationRequest } from "../../../contracts/token-api";
import { parseInput } from "../../common/http/parse";
import type { RouteDoc } from "../../common/http/openapi";
import { routeOptions, verifiedCaller } from "../../common/http/policy";
import type { RepeatSuppressorOptions } from "../../common/http/repeat-suppressor";
import type { AccessContext } from "../domain/context";
import { peerCertThumbprint } from "../domain/oauth/cert-thumbprint";
import { clientCredentialsGrant } from "../domain/oauth/client-credentials-grant";
import { OAuthError } from "../domain/oauth/oauth-error";
import { authorizationServerMetadataFor, oauthPaths } from "../domain/oauth/server-metadata";
import { introspectToken } from "../domain/tokens/introspect-token";
import { revokeByComponent } from "../domain/tokens/revoke-by-component";
import { createRevokeRefusalAudit } from "../domain/tokens/revoke-refusal-audit";
import { rateLimitHeaders } from "../domain/quotas/rate-limit-fields";
import { rateLimitedOAuthError } from "../domain/quotas/rate-limited-error";
import { rateLimitFieldDocs, rateLimitedFieldDocs } from "./rate-limit-docs";
import { addOAuthFormParser, oauthErrorHandler, type RefusedCallerAnswer } from "./oauth-errors";
import { requestMeta } from "./request-meta";

/** What the OAuth endpoints accept and how they refuse, for their OpenAPI description. */
const oauthWire = {
  tags: ["oauth"],
  bodyContentTypes: ["application/x-www-form-urlencoded", "application/json"],
  errorResponse: { name: "OAuthError", description: "An RFC 6749 §5.2 error: `error` is the code, `error_description` a sentence.", contentType: "application/json", schema: oauthErrorResponse },
} as const satisfies RouteDoc;

/**
 * A caller whose identity the route policy does not admit (Tessera's own identities: the web tier acts for
 * people). Every caller is authenticated by its certificate (tls_client_auth), so the refusal is one of
 * authorisation, in each RFC's own code: RFC 7662 §2.3 and RFC 7009 §2.2.1 (via RFC 6749 §5.2) answer 401
 * invalid_client for a caller not allowed to introspect or revoke; at the token endpoint RFC 6749 §5.2 has
 * the exact code for an authenticated client that may not use the grant, 400 unauthorized_client.
 */
export const refusedCallerByRoute = {
  [oauthPaths.introspection]: { status: 401, error: "invalid_client" },
  [oauthPaths.revocation]: { status: 401, error: "invalid_client" },
  [oauthPaths.token]: { status: 400, error: "unauthorized_client" },
} as const satisfies Record<string, RefusedCallerAnswer>;

export function oauthRoutes(app: FastifyInstance, ctx: AccessContext, suppression: RepeatSuppressorOptions = {}) {
  const revokeRefusals = createRevokeRefusalAudit(suppression);

  // Encapsulated, so the form parser and the RFC 6749 §5.2 refusals apply to these routes only (the policy
  // hook's refusals too: an error thrown in a hook goes to the route's own error handler).
  void app.register(async (oauth) => {
    addOAuthFormParser(oauth);
    oauth.setErrorHandler(oauthErrorHandler(refusedCallerByRoute));

    // GET /.well-known/oauth-authorization-server — RFC 8414 metadata; the issuer is this service as reached.
    oauth.get(
      "/.well-known/oauth-authorization-server",
      routeOptions(policies["GET /.well-known/oauth-authorization-server"], { tags: ["oauth"], summary: "RFC 8414 authorization server metadata (issuer: https:// + the request's Host).", response: authorizationServerMetadata }),
      async (request) => authorizationServerMetadataFor(`https://${request.host}`),
    );

    // POST /oauth/introspect — is this token active, and what does it carry?
    oauth.post(
      oauthPaths.introspection,
      routeOptions(policies["POST /oauth/introspect"], {
        ...oauthWire,
        summary:
          "RFC 7662 token introspection (internal components). Anything but an active token of a component the caller serves as a resource server answers {\"active\": false}; " +
          "with cnf_x5t_s256 (the thumbprint of the certificate the token was presented over) a token bound to another certificate answers inactive.",
        body: boundIntrospectionRequest,
        response: introspectionResponse,
        problems: {
          400: "invalid_request: `token` missing, a parameter malformed or given twice, or a body neither form nor JSON.",
          401: "invalid_client: the caller may not introspect (Tessera's own identities).",
          429: "temporarily_unavailable: the token's license is over its request-rate quota (an active answer counts against it).",
        },
        headers: { 200: rateLimitFieldDocs, 429: rateLimitedFieldDocs },
      }),
      async (request, reply) => {
        const { token, cnf_x5t_s256 } = parseInput(boundIntrospectionRequest, request.body);
        void reply.header("cache-control", "no-store");
        const { answer, quota } = await introspectToken(ctx, verifiedCaller(request), token, cnf_x5t_s256, requestMeta(request).sourceIp);
        if (quota && !quota.admitted) throw rateLimitedOAuthError(quota);
        if (quota) void reply.headers(rateLimitHeaders(quota));
        return answer;
      },
    );

    // POST /oauth/token — client credentials; refusals are RFC 6749 §5.2 JSON.
    oauth.post(
      oauthPaths.token,
      routeOptions(policies["POST /oauth/token"], {
        ...oauthWire,
        summary: "RFC 6749 §4.4 client credentials with RFC 8705 tls_client_auth; the token is bound to the client certificate. Errors: RFC 6749 §5.2 JSON.",
        body: tokenRequest,
        response: tokenResponse,
        problems: {
          400: "invalid_request, invalid_grant (license not active, token cap), invalid_scope, unsupported_grant_type, or unauthorized_client (Tessera's own identities).",
          401: "invalid_client: unknown or revoked client, or a certificate identity other than the client's.",
          429: "temporarily_unavailable: the client's license is over its request-rate quota (each grant counts against it).",
        },
        headers: { 200: rateLimitFieldDocs, 429: rateLimitedFieldDocs },
      }),
      async (request, reply) => {
        const caller = verifiedCaller(request);
        const thumbprint = peerCertThumbprint(request);
        if (!thumbprint) throw new OAuthError("unauthorized_client", "The token endpoint needs the client's certificate.");
        const { grant_type, client_id, scope } = parseInput(tokenRequest, request.body);
        const { answer, quota } = await clientCredentialsGrant(ctx, { grantType: grant_type, clientId: client_id, scope, certIdentity: caller, certThumbprint: thumbprint }, requestMeta(request));
        if (quota) void reply.headers(rateLimitHeaders(quota));
        return reply.header("cache-control", "no-store").header("pragma", "no-cache").send(answer);
      },
    );

    // POST /oauth/revoke — RFC 7009: 200 whether or not anything was revoked (§2.2).
    oauth.post(
      oauthPaths.revocation,
      routeOptions(policies["POST /oauth/revoke"], {
        ...oauthWire,
        summary:
          "RFC 7009 token revocation (internal components). Revokes only tokens issued to the calling OAuth client (§2.1); any other token " +
          "— another client's, a person's, an unknown one — is left as it is with the same 200, so the answer tells a caller nothing.",
        body: revocationRequest,
        problems: { 400: "invalid_request: `token` missing, a parameter malformed or given twice, or a body neither form nor JSON.", 401: "invalid_client: the caller may not revoke (Tessera's own identities)." },
      }),
      async (request, reply) => {
        const { token } = parseInput(revocationRequest, request.body);
        await revokeByComponent(ctx, revokeRefusals, verifiedCaller(request), token, requestMeta(request));
        return reply.status(200).header("cache-control", "no-store").send();
      },
    );
  });
}
