// Turns one exported Django row into what Tessera stores: the decrypted license text, and status and term.
//
// What the `license` column holds: django-fernet-fields (and forks) keep the Fernet token in a binary
// column; Django's own serialisation (dumpdata, admin export) writes binary values as standard base64, so
// the export holds base64 of the token. Exports made another way hold the token itself (a text column,
// django-encrypted-model-fields) or PostgreSQL's hex form of bytea (\x…). The three cannot be confused:
// a token decodes to a first byte of 0x80, while base64 of a token starts with "Z0FB" (base64 of "gAA").
// So all three are accepted and the report says which was found.
//
// A row is checked here as the write and later use would check it, so a dry run that passes means the
// import passes: the plain-text rule for what is kept and audited (username, application, unique_id: no
// control characters, nothing secret-shaped — contracts/plain-text.ts), the username as a holder name
// (the contract's licenseHolder), a real calendar date and time, and a key validation can take (no longer
// than it accepts, no NUL).
import { licenseHolder, licenseKeyMaxLength } from "../../../../contracts/license-api";
import { plainTextProblem } from "../../../../contracts/plain-text";
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
 * A day the calendar lacks (2026-02-30) or a time past 23:59:59 (24:00) is no date: JavaScript would roll it over.
 */
function parseExpiration(value: string): Date | null {
  const dateOnly = /^(\d{4}-\d{2}-\d{2})$/.exec(value);
  if (dateOnly) {
    const day = calendarDay(dateOnly[1]);
    return day && new Date(day.getTime() + 24 * 3600_000);
  }
  const dateTime = /^(\d{4}-\d{2}-\d{2})[ T]((\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,6})?)?)(Z|[+-](\d{2}):?(\d{2}))?$/.exec(value);
  if (!dateTime) return null;
  const [, date, time, hours, minutes, seconds, zone, zoneHours, zoneMinutes] = dateTime;
  if (!calendarDay(date) || Number(hours) > 23 || Number(minutes) > 59 || Number(seconds ?? 0) > 59) return null;
  if (zoneHours !== undefined && (Number(zoneHours) > 23 || Number(zoneMinutes) > 59)) return null;
  const offset = zone && zone !== "Z" ? `${zone[0]}${zoneHours}:${zoneMinutes}` : "Z";
  const at = new Date(`${date}T${time}${offset}`);
  return Number.isNaN(at.getTime()) ? null : at;
}

/** Midnight UTC of a YYYY-MM-DD the calendar has, else null. */
function calendarDay(text: string): Date | null {
  const [y, m, d] = text.split("-").map(Number);
  const day = new Date(Date.UTC(y, m - 1, d));
  // Date.UTC reads years 0–99 as 1900–1999: the comparison refuses those too.
  return day.getUTCFullYear() === y && day.getUTCMonth() === m - 1 && day.getUTCDate() === d ? day : null;
}

/** Why a kept field may not be stored or audited as it is, or null. */
function keptFieldProblem(row: DjangoLicenseRow): string | null {
  for (const field of ["username", "application", "unique_id"] as const) {
    const problem = plainTextProblem(row[field]);
    if (problem) return `${field}: ${problem}`;
  }
  const holder = licenseHolder.safeParse({ kind: "person", name: row.username });
  return holder.success ? null : `username: ${holder.error.issues[0]?.message ?? "not a holder name"}`;
}

/** Returns the row read, or a sentence saying what is wrong with it (never containing the key or text). */
export function readDjangoLicense(row: DjangoLicenseRow, key: FernetKey): ReadDjangoLicense | { problem: string } {
  for (const field of ["username", "application", "unique_id", "license", "active"] as const) {
    if (row[field].trim() === "") return { problem: `${field} is empty` };
  }
  const kept = keptFieldProblem(row);
  if (kept) return { problem: kept };
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
  if (licenseText.trim() === "" || licenseText.length > licenseKeyMaxLength) {
    return { problem: `license decrypts to text of ${licenseText.length} characters; expected 1 to ${licenseKeyMaxLength} (the longest key validation accepts)` };
  }
  // No request may carry a NUL (contracts/field-messages.ts): a key holding one could never be validated.
  if (licenseText.includes("\u0000")) return { problem: "license decrypts to text with a NUL character, which no validation request can carry" };
  const savedAt = fernetTimestamp(found.token);
  if (!savedAt || Number.isNaN(savedAt.getTime())) return { problem: "license is a Fernet token with an impossible timestamp" };
  return { licenseText, storedForm: found.storedForm, active, endsAt, savedAt };
}
