// The answer's rate-limit fields, in the IETF httpapi draft's current syntax (structured-field lists,
// RFC 8941): `RateLimit-Policy: "license";q=600;w=60` names the quota, `RateLimit: "license";r=0;t=12`
// says what is left of it and when it resets; a refusal adds `Retry-After` (RFC 9110 §10.2.3, seconds).
import { quotaWindowMs } from "./quota-window";

/** The one policy a license's requests are counted under. */
const quotaPolicyName = "license";

export type QuotaDecision = {
  admitted: boolean;
  /** Requests the window allows. */
  limit: number;
  /** An estimate of what is left in the window (exact on one process). */
  remaining: number;
  /** Seconds until the window resets. */
  resetSeconds: number;
};

export type RateLimitHeaders = Record<"ratelimit-policy" | "ratelimit", string> & { "retry-after"?: string };

export function rateLimitHeaders(d: QuotaDecision): RateLimitHeaders {
  const fields: RateLimitHeaders = {
    "ratelimit-policy": `"${quotaPolicyName}";q=${d.limit};w=${quotaWindowMs / 1000}`,
    ratelimit: `"${quotaPolicyName}";r=${Math.max(0, d.remaining)};t=${d.resetSeconds}`,
  };
  if (!d.admitted) fields["retry-after"] = String(d.resetSeconds);
  return fields;
}

/** The sentence of a refusal, for the OAuth endpoints' error_description. */
export const rateLimitedSentence = (d: QuotaDecision): string =>
  `The license's request-rate quota (${d.limit} a minute) is used up; retry in ${d.resetSeconds} s.`;
