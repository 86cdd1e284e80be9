// Turns one exported Django row into what Tessera stores: the decrypted license text, and status and term.
//
// What the `license` column holds: django-fernet-fields (and forks) keep the Fernet token in a binary
// column; Django's own serialisation (dumpdata, admin export) writes binary values as standard base64, so
// the export holds base64 of the token. Exports made another way hold the token itself (a text column,
// django-encrypted-model-fields) or PostgreSQL's hex form of bytea (\x…). The three cannot be confused:
// a token decodes to a first byte of 0x80, while base64 of a token starts with "Z0FB" (base64 of "gAA").
// So all three are accepted and the report says which was found.
import { fernetDecrypt, fernetTimestamp, InvalidFernetToken, type FernetKey } from "../crypto/fernet";
import type { DjangoLicenseRow } from "./django-license-csv";

export type StoredForm = "fernet-token" | "base64-of-fernet-token" | "postgres-hex-of-fernet-token";

export type ReadDjangoLicense = {
  licenseText: string;
  storedForm: StoredForm;
  active: boolean;
  endsAt: Date;
  /** When the Django row was last saved (the token's timestamp: the field is re-encrypted on every save). */
  savedAt: Date;
};

const maxLicenseTextLength = 2000;
const looksLikeToken = (text: string) => text.startsWith("gAAAAA");
const standardBase64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

function findToken(value: string): { token: string; storedForm: StoredForm } | null {
  const text = value.trim();
  if (looksLikeToken(text)) return { token: text, storedForm: "fernet-token" };
  if (/^\\x([0-9a-fA-F]{2})+$/.test(text)) {
    const decoded = Buffer.from(text.slice(2), "hex").toString("latin1").trim();
    if (looksLikeToken(decoded)) return { token: decoded, storedForm: "postgres-hex-of-fernet-token" };
  }
  if (standardBase64.test(text)) {
    const decoded = Buffer.from(text, "base64").toString("latin1").trim();
    if (looksLikeToken(decoded)) return { token: decoded, storedForm: "base64-of-fernet-token" };
  }
  return null;
}

function parseActive(value: string): boolean | null {
  const v = value.toLowerCase();
  if (["true", "t", "1", "yes", "y"].includes(v)) return true;
  if (["false", "f", "0", "no", "n"].includes(v)) return false;
  return null;
}

/**
 * A date (`2026-06-30`, a DateField) ends after that whole day in UTC: the license was valid through it.
 * A date-time (`2026-06-30 12:00:00+00:00`, a DateTimeField) ends at that instant; without an offset, UTC.
 */
function parseExpiration(value: string): Date | null {
  const dateOnly = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (dateOnly) {
    const [y, m, d] = dateOnly.slice(1).map(Number);
    const day = new Date(Date.UTC(y, m - 1, d));
    if (day.getUTCFullYear() !== y || day.getUTCMonth() !== m - 1 || day.getUTCDate() !== d) return null;
    return new Date(day.getTime() + 24 * 3600_000);
  }
  const dateTime = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?)(Z|[+-]\d{2}:?\d{2})?$/.exec(value);
  if (!dateTime) return null;
  const [, date, time, zone] = dateTime;
  const at = new Date(`${date}T${time}${zone ?? "Z"}`);
  return Number.isNaN(at.getTime()) ? null : at;
}

/** Returns the row read, or a sentence saying what is wrong with it (never containing the key or text). */
export function readDjangoLicense(row: DjangoLicenseRow, key: FernetKey): ReadDjangoLicense | { problem: string } {
  for (const field of ["username", "application", "unique_id", "license", "active"] as const) {
    if (row[field].trim() === "") return { problem: `${field} is empty` };
  }
  const active = parseActive(row.active);
  if (active === null) return { problem: `active is "${row.active.slice(0, 20)}", expected True or False` };
  if (row.expiration_date === "") return { problem: "expiration_date is empty; a Tessera license needs an end date" };
  const endsAt = parseExpiration(row.expiration_date);
  if (!endsAt) return { problem: `expiration_date "${row.expiration_date.slice(0, 40)}" is not a date (YYYY-MM-DD) or date-time` };

  const found = findToken(row.license);
  if (!found) return { problem: "license is neither a Fernet token nor base64 of one" };
  let plaintext: Buffer;
  try {
    plaintext = fernetDecrypt(key, found.token);
  } catch (e) {
    if (!(e instanceof InvalidFernetToken)) throw e;
    return { problem: e.reason === "bad-mac" ? "license does not decrypt with this Fernet key (wrong key, or the value was altered)" : `license is not a valid Fernet token (${e.reason})` };
  }
  let licenseText: string;
  try {
    licenseText = new TextDecoder("utf-8", { fatal: true }).decode(plaintext);
  } catch {
    return { problem: "license decrypts to bytes that are not UTF-8 text" };
  }
  if (licenseText.trim() === "" || licenseText.length > maxLicenseTextLength) {
    return { problem: `license decrypts to text of ${licenseText.length} characters; expected 1 to ${maxLicenseTextLength}` };
  }
  return { licenseText, storedForm: found.storedForm, active, endsAt, savedAt: fernetTimestamp(found.token)! };
}
