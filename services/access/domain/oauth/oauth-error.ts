// An RFC 6749 §5.2 refusal of the token endpoint: answered as {error, error_description} JSON, which is
// what OAuth client libraries parse (not problem+json).
import type { OAuthErrorCode } from "../../../../contracts/oauth-api";

export class OAuthError extends Error {
  constructor(
    readonly code: OAuthErrorCode,
    readonly description: string,
    /** 401 for failed client authentication (§5.2), else 400 (the only two statuses §5.2 uses). */
    readonly status: 400 | 401 = code === "invalid_client" ? 401 : 400,
  ) {
    super(description);
    this.name = "OAuthError";
  }
}
