// The one place where validation issues become sentences for people: an error map for every zod parse at a
// boundary (services and web tier), so no validator text ("Too small: expected string…") reaches a form.
// A message declared with a schema (`.min(1, "Enter a name.")`) wins; this map words everything else.
import type { z } from "zod";

type Issue = Parameters<z.core.$ZodErrorMap>[0];

const nul = "\u0000";

/** The message for a string with a NUL character, which no field may hold (PostgreSQL text cannot). */
export const nulCharacterMessage = "Remove the invisible NUL character from this field.";

const typeWords: Record<string, string> = {
  string: "text", number: "a number", int: "a whole number", boolean: "true or false", array: "a list",
  object: "a group of fields", date: "a date", null: "nothing", record: "a group of fields",
};

const formatWords: Record<string, string> = {
  email: "Enter an e-mail address such as name@example.com.",
  datetime: "Enter a date and time (ISO 8601, e.g. 2026-01-31T12:00:00Z).",
  date: "Enter a date (YYYY-MM-DD).",
  time: "Enter a time (HH:MM).",
  url: "Enter a web address.",
  uuid: "Enter an identifier in UUID form.",
};

function count(n: number | bigint, one: string, many: string): string {
  return `${n} ${n === 1 || n === BigInt(1) ? one : many}`;
}

function tooSmall(issue: Extract<Issue, { code: "too_small" }>): string {
  const { minimum: n, origin } = issue;
  if (origin === "string") return Number(n) <= 1 ? "Enter a value." : `Use at least ${count(n, "character", "characters")}.`;
  if (origin === "array" || origin === "set") return Number(n) <= 1 ? "Choose at least one." : `Choose at least ${n}.`;
  if (origin === "date") return "Choose a later date.";
  return issue.inclusive === false ? `Use a number above ${n}.` : `Use ${n} or more.`;
}

function tooBig(issue: Extract<Issue, { code: "too_big" }>): string {
  const { maximum: n, origin } = issue;
  if (origin === "string") return `Use at most ${count(n, "character", "characters")}.`;
  if (origin === "array" || origin === "set") return `Choose at most ${n}.`;
  if (origin === "date") return "Choose an earlier date.";
  return issue.inclusive === false ? `Use a number below ${n}.` : `Use ${n} or less.`;
}

function invalidType(issue: Extract<Issue, { code: "invalid_type" }>): string {
  if (issue.input === undefined) return "This field is required.";
  if (issue.expected === "int") return "Use a whole number.";
  const words = typeWords[issue.expected];
  return words ? `This must be ${words}.` : "This value has the wrong type.";
}

function choices(values: readonly unknown[]): string {
  const shown = values.slice(0, 8).map((v) => JSON.stringify(v)).join(", ");
  return values.length === 1 ? `Use ${shown}.` : `Choose one of ${shown}${values.length > 8 ? ", …" : ""}.`;
}

/** zod error map: a sentence for each kind of issue. Pass as `schema.safeParse(input, { error: humanIssueMessage })`. */
export const humanIssueMessage: z.core.$ZodErrorMap = (issue) => {
  if (typeof issue.input === "string" && issue.input.includes(nul)) return nulCharacterMessage;
  switch (issue.code) {
    case "invalid_type": return invalidType(issue);
    case "too_small": return tooSmall(issue);
    case "too_big": return tooBig(issue);
    case "invalid_format": return formatWords[issue.format] ?? "This is not in the expected format.";
    case "invalid_value": return choices(issue.values);
    case "not_multiple_of": return `Use a multiple of ${issue.divisor}.`;
    case "unrecognized_keys": return `Unknown ${issue.keys.length === 1 ? "field" : "fields"}: ${issue.keys.slice(0, 5).join(", ").slice(0, 200)}.`;
    case "invalid_union": return "This value is not one of the accepted forms.";
    case "invalid_key": return "A key in this group is not valid.";
    case "invalid_element": return "An entry in this list is not valid.";
    default: return "This value is not valid.";
  }
};

export type FieldErrors = Record<string, string[]>;

/** A re-entered password (to reveal a license key) that is not the person's: said beside the field. */
export const wrongPasswordMessage = "The password is not correct. Enter the password you sign in with.";

/** A second factor that did not verify (wrong, already used, or none enrolled): said beside the field, the same for each cause. */
export const wrongSecondFactorMessage = {
  passkey: "That passkey was not accepted. Try again, or use another way to confirm it is you.",
  totp: "That code is not correct or has already been used. Enter the current code from your authenticator app.",
  "recovery-code": "That recovery code is not correct or has already been used.",
} as const;

/** The sentence of a problem whose field messages say what is wrong. */
export const invalidFieldsSentence = "Check the highlighted fields.";

/** Field messages keyed by the issue's path ("name", "events.0.action"; "_" for the whole input). */
export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const fieldErrors: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.map(String).join(".") : "_";
    const messages = (fieldErrors[key] ??= []);
    if (!messages.includes(issue.message)) messages.push(issue.message);
  }
  return fieldErrors;
}

/**
 * Every string in `value` (at any depth, keys included) that holds a NUL character, as field messages.
 * Applied to each request's params, query and body before any schema sees them.
 */
export function nulFieldErrors(value: unknown, path: string[] = [], found: FieldErrors = {}): FieldErrors {
  // One path stack, pushed and popped, joined only where a NUL is found: every request's body passes here
  // (a component's batch of 500 disclosures is thousands of strings), and nearly none holds one.
  const at = [...path];
  const visit = (v: unknown): void => {
    if (typeof v === "string") {
      if (v.includes(nul)) found[at.length ? at.join(".") : "_"] = [nulCharacterMessage];
    } else if (Array.isArray(v)) {
      for (let index = 0; index < v.length; index++) {
        at.push(String(index));
        visit(v[index]);
        at.pop();
      }
    } else if (v !== null && typeof v === "object") {
      for (const key in v) {
        if (!Object.hasOwn(v, key)) continue;
        const safeKey = key.includes(nul) ? key.replaceAll(nul, "\\0") : key;
        at.push(safeKey);
        if (safeKey !== key) found[at.join(".")] = [nulCharacterMessage];
        visit((v as Record<string, unknown>)[key]);
        at.pop();
      }
    }
  };
  visit(value);
  return found;
}
