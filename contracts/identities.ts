// Service identities named in the CN of each internal-CA certificate.
export const serviceIdentities = {
  access: "access",
  audit: "audit",
  web: "web",
  operator: "operator",
} as const;
export type ServiceIdentity = (typeof serviceIdentities)[keyof typeof serviceIdentities];

/** Identity names: lowercase words joined by dashes, so they are safe in file names and logs. */
export const identityPattern = /^[a-z][a-z0-9-]{0,62}$/;

/** Header carrying the request id across the mTLS hop. */
export const requestIdHeader = "x-request-id";
/** Header the web tier uses to tell the access service the browser's address (trusted only from `web`). */
export const clientIpHeader = "x-tessera-client-ip";
