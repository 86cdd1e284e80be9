// Defence in depth for the rule "secrets never go in audit events": refuses field names that name a
// secret and values shaped like Tessera's opaque secrets (tss_…, tsu_…, tsi_…) or license keys (tlk_…), anywhere in an event.
// The shape is the contracts' (plain-text.ts), so an input that would trip this guard is refused at the boundary.
import { secretShaped } from "../../../contracts/plain-text";

const secretNames = /^(password|passwd|new_?password|secret|client_?secret|token|access_?token|refresh_?token|bearer|authorization|cookie|api_?key|license_?key|private_?key|setup_?link|totp_?secret)$/i;
const opaqueSecret = secretShaped;

/** Returns the path of the first secret-looking field, or null. */
export function findSecret(value: unknown, path = "event"): string | null {
  if (typeof value === "string") return opaqueSecret.test(value) ? path : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findSecret(value[i], `${path}[${i}]`);
      if (found) return found;
    }
    return null;
  }
  if (typeof value === "object" && value !== null) {
    for (const [key, inner] of Object.entries(value)) {
      if (secretNames.test(key)) return `${path}.${key}`;
      const found = findSecret(inner, `${path}.${key}`);
      if (found) return found;
    }
  }
  return null;
}
