// The OAuth endpoints' refusal over a license's request-rate quota, in OAuth's words: 429 with RFC 6749
// §5.2 JSON (temporarily_unavailable), Retry-After and the rate-limit fields.
import { OAuthError } from "../oauth/oauth-error";
import { rateLimitHeaders, rateLimitedSentence, type QuotaDecision } from "./rate-limit-fields";

export const rateLimitedOAuthError = (d: QuotaDecision) => new OAuthError("temporarily_unavailable", rateLimitedSentence(d), 429, rateLimitHeaders(d));
