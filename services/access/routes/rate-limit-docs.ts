// What the rate-limit fields mean, for the OpenAPI description of every route that counts against a license's quota.
export const rateLimitFieldDocs = {
  "RateLimit-Policy": 'The license\'s request-rate quota, e.g. "license";q=600;w=60 (IETF httpapi rate-limit fields).',
  RateLimit: 'What is left of it and the seconds until it resets, e.g. "license";r=0;t=12.',
} as const;

export const rateLimitedFieldDocs = { ...rateLimitFieldDocs, "Retry-After": "Seconds until the quota's window resets." } as const;
