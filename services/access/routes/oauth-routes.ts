// OAuth 2.0 endpoints for internal components over mTLS (never Tessera's own identities): RFC 8414 metadata,
// RFC 6749 §4.4 client credentials (RFC 8705 tls_client_auth, certificate-bound tokens), RFC 7662
// introspection and RFC 7009 revocation, form-encoded as the RFCs say (JSON accepted too).
import type { FastifyError, FastifyInstance, FastifyReply } from "fastify";
import { accessPolicies as policies } from "../../../contracts/access-policies";
import { authorizationServerMetadata, boundIntrospectionRequest, oauthErrorResponse, tokenRequest, tokenResponse, type OAuthErrorResponse } from "../../../contracts/oauth-api";
import { introspectionResponse, revocationRequest } from "../../../contracts/token-api";
import { AppError } from "../../common/http/app-error";
import { parseInput } from "../../common/http/parse";
import { routeOptions, verifiedCaller } from "../../common/http/policy";
import type { AccessContext } from "../domain/context";
import { peerCertThumbprint } from "../domain/oauth/cert-thumbprint";
import { clientCredentialsGrant } from "../domain/oauth/client-credentials-grant";
import { OAuthError } from "../domain/oauth/oauth-error";
import { authorizationServerMetadataFor, oauthPaths } from "../domain/oauth/server-metadata";
import { introspectToken } from "../domain/tokens/introspect-token";
import { revokeByComponent } from "../domain/tokens/revoke-by-component";
import { requestMeta } from "./request-meta";

function sendOAuthError(reply: FastifyReply, status: number, body: OAuthErrorResponse) {
  return reply.status(status).header("cache-control", "no-store").type("application/json").send(oauthErrorResponse.parse(body));
}

export function oauthRoutes(app: FastifyInstance, ctx: AccessContext) {
  // Encapsulated, so the form parser applies to these routes only.
  void app.register(async (oauth) => {
    oauth.addContentTypeParser("application/x-www-form-urlencoded", { parseAs: "string", bodyLimit: 16_384 }, (_request, body, done) => {
      const params = new URLSearchParams(String(body));
      const fields: Record<string, string> = {};
      for (const [key, value] of params) {
        // RFC 6749 §3.2: request parameters must not be included more than once.
        if (key in fields) return done(new AppError("bad-request", `The parameter "${key.slice(0, 50)}" is given more than once.`), undefined);
        fields[key] = value;
      }
      done(null, fields);
    });

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
        tags: ["oauth"],
        summary:
          "RFC 7662 token introspection (internal components). Anything but an active token of a component the caller serves as a resource server answers {\"active\": false}; " +
          "with cnf_x5t_s256 (the thumbprint of the certificate the token was presented over) a token bound to another certificate answers inactive.",
        body: boundIntrospectionRequest,
        response: introspectionResponse,
      }),
      async (request, reply) => {
        const { token, cnf_x5t_s256 } = parseInput(boundIntrospectionRequest, request.body);
        void reply.header("cache-control", "no-store");
        return introspectToken(ctx, verifiedCaller(request), token, cnf_x5t_s256);
      },
    );

    // POST /oauth/token — client credentials; refusals are RFC 6749 §5.2 JSON, so its own error handler.
    void oauth.register(async (tokenEndpoint) => {
      tokenEndpoint.setErrorHandler((error: FastifyError, _request, reply) => {
        if (error instanceof OAuthError) return sendOAuthError(reply, error.status, { error: error.code, error_description: error.description });
        // The route policy refused the caller's identity (a Tessera identity is never an OAuth client): in the RFC's words.
        if (error instanceof AppError && error.extra.reason === "caller-not-admitted") return sendOAuthError(reply, 403, { error: "unauthorized_client", error_description: "The token endpoint is for internal components." });
        const status = error instanceof AppError ? error.status : error.statusCode;
        // Malformed requests (bad form, duplicate parameter, wrong content type) are the client's.
        if (status !== undefined && status >= 400 && status < 500 && status !== 403) return sendOAuthError(reply, 400, { error: "invalid_request", error_description: "The token request is malformed." });
        throw error; // the central handler: problem+json, no internals
      });
      tokenEndpoint.post(
        oauthPaths.token,
        routeOptions(policies["POST /oauth/token"], {
          tags: ["oauth"],
          summary: "RFC 6749 §4.4 client credentials with RFC 8705 tls_client_auth; the token is bound to the client certificate. Errors: RFC 6749 §5.2 JSON.",
          body: tokenRequest,
          response: tokenResponse,
          problems: { 400: "invalid_request, invalid_grant (license not active), invalid_scope, unsupported_grant_type.", 401: "invalid_client." },
        }),
        async (request, reply) => {
          const caller = verifiedCaller(request);
          const thumbprint = peerCertThumbprint(request);
          if (!thumbprint) throw new OAuthError("unauthorized_client", "The token endpoint needs the client's certificate.", 403);
          const parsed = tokenRequest.safeParse(request.body ?? {});
          if (!parsed.success) throw new OAuthError("invalid_request", "The token request is malformed.");
          const { grant_type, client_id, scope } = parsed.data;
          const answer = await clientCredentialsGrant(ctx, { grantType: grant_type, clientId: client_id, scope, certIdentity: caller, certThumbprint: thumbprint }, requestMeta(request));
          return reply.header("cache-control", "no-store").header("pragma", "no-cache").send(answer);
        },
      );
    });

    // POST /oauth/revoke — revoke a token; 200 whether or not it existed (RFC 7009 §2.2).
    oauth.post(
      "/oauth/revoke",
      routeOptions(policies["POST /oauth/revoke"], {
        tags: ["oauth"],
        summary:
          "RFC 7009 token revocation (internal components). Revokes only tokens issued to the calling OAuth client (§2.1); any other token " +
          "— another client's, a person's, an unknown one — is left as it is with the same 200, so the answer tells a caller nothing.",
        body: revocationRequest,
      }),
      async (request, reply) => {
        const { token } = parseInput(revocationRequest, request.body);
        await revokeByComponent(ctx, verifiedCaller(request), token, requestMeta(request));
        return reply.status(200).send();
      },
    );
  });
}
