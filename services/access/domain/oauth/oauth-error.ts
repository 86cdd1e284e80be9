// An RFC 6749 §5.2 refusal of the token endpoint: answered as {error, error_description} JSON, which is
// what OAuth client libraries parse (not problem+json).
import type { OAuthErrorCode } from "../../../../contracts/oauth-api";

export class OAuthError extends Error {
  constructor(
    readonly code: OAuthErrorCode,
    readonly description: string,
    /** 401 for failed client authentication (§5.2), else 400 (the only two statuses §5.2 uses); 429 over a license's request-rate quota. */
    readonly status: 400 | 401 | 429 = code === "invalid_client" ? 401 : 400,
    /** Header fields of the answer (the rate-limit fields and Retry-After of a 429). */
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(description);
    this.name = "OAuthError";
  }
}
