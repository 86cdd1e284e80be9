// The request id's rules, in one place for every process: the header that carries it across each hop and
// which values are passed on as they arrive (anything else is replaced by a fresh id). Pure constants, no
// imports: contracts/identities.ts re-exports the header, and the web tier's own server (plain Node,
// lib/web-server/serve-web.mjs) reads it too. Types: request-id.d.mts.

/** Header carrying the request id across the mTLS hop (and from a proxy in front of the web tier). */
export const requestIdHeader = "x-request-id";

/** Ids we pass on: short, and safe in logs and headers (the audit event's `requestId` holds at most 100). */
const requestIdPattern = /^[A-Za-z0-9._:-]{1,100}$/;

/** `value` when it is an id we pass on, else undefined. */
export function validRequestId(value) {
  return typeof value === "string" && requestIdPattern.test(value) ? value : undefined;
}
