// RFC 8414 authorization server metadata for an issuer URL. Every endpoint is mTLS already, so the RFC 8705
// §5 aliases name the same URLs (clients that prefer the aliases find them).
import type { AuthorizationServerMetadata } from "../../../../contracts/oauth-api";

export const oauthPaths = { token: "/oauth/token", introspection: "/oauth/introspect", revocation: "/oauth/revoke" } as const;

export function authorizationServerMetadataFor(issuer: string): AuthorizationServerMetadata {
  const endpoints = {
    token_endpoint: `${issuer}${oauthPaths.token}`,
    introspection_endpoint: `${issuer}${oauthPaths.introspection}`,
    revocation_endpoint: `${issuer}${oauthPaths.revocation}`,
  };
  const tls = ["tls_client_auth"];
  return {
    issuer,
    ...endpoints,
    grant_types_supported: ["client_credentials"],
    response_types_supported: [],
    token_endpoint_auth_methods_supported: tls,
    introspection_endpoint_auth_methods_supported: tls,
    revocation_endpoint_auth_methods_supported: tls,
    tls_client_certificate_bound_access_tokens: true,
    mtls_endpoint_aliases: endpoints,
  };
}
