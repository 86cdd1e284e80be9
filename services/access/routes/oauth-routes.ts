// OAuth 2.0 endpoints for internal components over mTLS (any identity but the web tier): RFC 8414 metadata,
// RFC 6749 §4.4 client credentials (RFC 8705 tls_client_auth, certificate-bound tokens), RFC 7662
// introspection and RFC 7009 revocation, form-encoded as the RFCs say (JSON accepted too).
import type { FastifyInstance, FastifyRequest } from "fastify";
import { authorizationServerMetadata, boundIntrospectionRequest, oauthErrorResponse, tokenRequest, tokenResponse } from "../../../contracts/oauth-api";
import { introspectionResponse, revocationRequest } from "../../../contracts/token-api";
import { AppError } from "../../common/http/app-error";
import { callerIdentity } from "../../common/http/caller";
import { parseInput } from "../../common/http/parse";
import type { RouteDoc } from "../../common/http/openapi";
import type { AccessContext } from "../domain/context";
import { peerCertThumbprint } from "../domain/oauth/cert-thumbprint";
import { clientCredentialsGrant } from "../domain/oauth/client-credentials-grant";
import { authorizationServerMetadataFor, oauthPaths } from "../domain/oauth/server-metadata";
import { introspectToken } from "../domain/tokens/introspect-token";
import { revokeByComponent } from "../domain/tokens/revoke-by-component";
import { addOAuthFormParser, oauthErrorHandler, type RefusedCallerAnswer } from "./oauth-errors";
import { requestMeta } from "./request-meta";

const openapi = (doc: RouteDoc) => ({ config: { openapi: doc } });

/** What the OAuth endpoints accept and how they refuse, for their OpenAPI description. */
const oauthWire = {
  tags: ["oauth"],
  callers: "any",
  bodyContentTypes: ["application/x-www-form-urlencoded", "application/json"],
  errorResponse: { name: "OAuthError", description: "An RFC 6749 §5.2 error: `error` is the code, `error_description` a sentence.", contentType: "application/json", schema: oauthErrorResponse },
} as const satisfies RouteDoc;

/**
 * A caller whose identity an endpoint does not admit (the web tier, which acts for people). Every caller is
 * authenticated by its certificate (tls_client_auth), so the refusal is one of authorisation, in each RFC's
 * own code: RFC 7662 §2.3 and RFC 7009 §2.2.1 (via RFC 6749 §5.2) answer 401 invalid_client for a caller
 * not allowed to introspect or revoke; at the token endpoint RFC 6749 §5.2 has the exact code for an
 * authenticated client that may not use the grant, 400 unauthorized_client.
 */
const refusedCallerByRoute = {
  [oauthPaths.introspection]: { status: 401, error: "invalid_client" },
  [oauthPaths.revocation]: { status: 401, error: "invalid_client" },
  [oauthPaths.token]: { status: 400, error: "unauthorized_client" },
} as const satisfies Record<string, RefusedCallerAnswer>;

/** The calling component; the web tier acts for people and may not introspect or revoke by token. */
function componentCaller(request: FastifyRequest): string {
  const caller = callerIdentity(request);
  if (!caller || caller === "web") throw new AppError("forbidden", "Token introspection and revocation are for internal components, not the web tier.");
  return caller;
}

export function oauthRoutes(app: FastifyInstance, ctx: AccessContext) {
  // Encapsulated, so the form parser and the RFC 6749 §5.2 refusals apply to these routes only.
  void app.register(async (oauth) => {
    addOAuthFormParser(oauth);
    oauth.setErrorHandler(oauthErrorHandler(refusedCallerByRoute));

    // GET /.well-known/oauth-authorization-server — RFC 8414 metadata; the issuer is this service as reached.
    oauth.get(
      "/.well-known/oauth-authorization-server",
      openapi({ tags: ["oauth"], callers: "any", summary: "RFC 8414 authorization server metadata (issuer: https:// + the request's Host).", response: authorizationServerMetadata }),
      async (request) => {
        if (!callerIdentity(request)) throw new AppError("forbidden", "This endpoint is not open to unidentified callers.");
        return authorizationServerMetadataFor(`https://${request.host}`);
      },
    );

    // POST /oauth/introspect — is this token active, and what does it carry?
    oauth.post(
      oauthPaths.introspection,
      openapi({
        ...oauthWire,
        summary:
          "RFC 7662 token introspection (internal components; not the web tier). Anything but an active token answers {\"active\": false}; " +
          "with cnf_x5t_s256 (the thumbprint of the certificate the token was presented over) a token bound to another certificate answers inactive.",
        body: boundIntrospectionRequest,
        response: introspectionResponse,
        problems: { 400: "invalid_request: `token` missing, a parameter malformed or given twice, or a body neither form nor JSON.", 401: "invalid_client: the caller may not introspect (the web tier)." },
      }),
      async (request, reply) => {
        componentCaller(request);
        const { token, cnf_x5t_s256 } = parseInput(boundIntrospectionRequest, request.body);
        void reply.header("cache-control", "no-store");
        return introspectToken(ctx, token, cnf_x5t_s256);
      },
    );

    // POST /oauth/token — client credentials; refusals are RFC 6749 §5.2 JSON.
    oauth.post(
      oauthPaths.token,
      openapi({
        ...oauthWire,
        summary: "RFC 6749 §4.4 client credentials with RFC 8705 tls_client_auth; the token is bound to the client certificate. Errors: RFC 6749 §5.2 JSON.",
        body: tokenRequest,
        response: tokenResponse,
        problems: {
          400: "invalid_request, invalid_grant (license not active, token cap), invalid_scope, unsupported_grant_type, or unauthorized_client (the web tier).",
          401: "invalid_client: unknown or revoked client, or a certificate identity other than the client's.",
        },
      }),
      async (request, reply) => {
        const caller = callerIdentity(request);
        const thumbprint = peerCertThumbprint(request);
        if (!caller || caller === "web" || !thumbprint) throw new AppError("forbidden", "The token endpoint is for internal components, not the web tier.");
        const { grant_type, client_id, scope } = parseInput(tokenRequest, request.body);
        const answer = await clientCredentialsGrant(ctx, { grantType: grant_type, clientId: client_id, scope, certIdentity: caller, certThumbprint: thumbprint }, requestMeta(request));
        return reply.header("cache-control", "no-store").header("pragma", "no-cache").send(answer);
      },
    );

    // POST /oauth/revoke — revoke a token; 200 whether or not it existed (RFC 7009 §2.2).
    oauth.post(
      oauthPaths.revocation,
      openapi({
        ...oauthWire,
        summary: "RFC 7009 token revocation (internal components; not the web tier). 200 even for unknown tokens.",
        body: revocationRequest,
        problems: { 400: "invalid_request: `token` missing, a parameter malformed or given twice, or a body neither form nor JSON.", 401: "invalid_client: the caller may not revoke (the web tier)." },
      }),
      async (request, reply) => {
        const caller = componentCaller(request);
        const { token } = parseInput(revocationRequest, request.body);
        await revokeByComponent(ctx, caller, token, requestMeta(request));
        return reply.status(200).header("cache-control", "no-store").send();
      },
    );
  });
}
