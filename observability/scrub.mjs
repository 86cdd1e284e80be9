// Scrubs what leaves the process for an error tracker: our secrets (by their prefixes, redact-secrets.mjs),
// bearer credentials, e-mail addresses, and every field whose name says it holds a credential or a person's
// data (passwords, tokens, license keys, cookies, authorization headers, e-mail, addresses), at any depth.
// Types: scrub.d.mts.
import { redactSecrets } from "./redact-secrets.mjs";

// In a URL the @ arrives percent-encoded.
const email = /[A-Za-z0-9._%+-]+(?:@|%40)[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/gi;
const bearer = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi;
const sensitiveKey = /pass(word|phrase)?|secret|token|authori[sz]ation|cookie|session|license.?key|api.?key|private.?key|credential|e-?mail|^ip(_address)?$|^(x-)?forwarded|client.?ip|phone|^name$/i;

/** `text` without secrets, bearer credentials or e-mail addresses. */
export function scrubText(text) {
  return redactSecrets(text.replace(bearer, "$1 [redacted]")).replace(email, "[email]");
}

/** A deep copy of `value` with every string scrubbed and every sensitive field's value replaced. */
export function scrubValue(value, depth = 0) {
  if (typeof value === "string") return scrubText(value);
  if (value === null || typeof value !== "object" || depth > 12) return value;
  if (Array.isArray(value)) return value.map((v) => scrubValue(v, depth + 1));
  const out = {};
  for (const [key, v] of Object.entries(value)) out[key] = sensitiveKey.test(key) ? "[redacted]" : scrubValue(v, depth + 1);
  return out;
}

/** A Sentry event (or transaction) fit to send: scrubbed, with no user but an id and no cookies. */
export function scrubEvent(event) {
  const scrubbed = scrubValue(event);
  if (scrubbed.user) scrubbed.user = scrubbed.user.id ? { id: scrubbed.user.id } : undefined;
  if (scrubbed.request) delete scrubbed.request.cookies;
  return scrubbed;
}
