// Service identities named in the CN of each internal-CA certificate: Tessera's own four, and the
// components (every other identity the CA issued: the vendor's services, e.g. "reports-worker").
export const serviceIdentities = {
  access: "access",
  audit: "audit",
  web: "web",
  operator: "operator",
} as const;
export type ServiceIdentity = (typeof serviceIdentities)[keyof typeof serviceIdentities];

/** Tessera's own identities; any other certificate identity is a component. */
export const tesseraIdentities: readonly ServiceIdentity[] = Object.values(serviceIdentities);

export function isTesseraIdentity(identity: string): identity is ServiceIdentity {
  return (tesseraIdentities as readonly string[]).includes(identity);
}

/** Identity names: lowercase words joined by dashes, so they are safe in file names and logs. */
export const identityPattern = /^[a-z][a-z0-9-]{0,62}$/;

/** Header carrying the request id across the mTLS hop (declared with the rest of the request id's rules). */
export { requestIdHeader } from "../observability/request-id.mjs";
/** Header the web tier uses to tell the access service the browser's address (trusted only from `web`). */
export const clientIpHeader = "x-tessera-client-ip";
