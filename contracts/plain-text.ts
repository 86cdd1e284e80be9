// The one rule for text that people and components give Tessera to keep, show and audit (names,
// fingerprints, references): no control characters (C0, DEL, C1: PostgreSQL text cannot hold NUL, and
// the rest garble logs, CSVs and terminals), no lone UTF-16 surrogates (not Unicode: they turn into
// U+FFFD somewhere down the line), no bidirectional controls (they make text read otherwise than it is,
// "Trojan Source"), and nothing shaped like a Tessera secret (the audit trail refuses it, see
// services/access/outbox/assert-no-secrets.ts, so it would fail after the work was done). Identifiers are
// also normalised to NFC, so two spellings of "é" are one value. Pure, no I/O.
import { z } from "zod";

/** C0 controls, DEL and C1 controls (tabs and line breaks among them). */
export const controlCharacters = /[\u0000-\u001f\u007f-\u009f]/;
/** Bidirectional formatting characters: marks, embeddings, overrides and isolates. */
const bidiControls = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
/** Half of a surrogate pair without its other half. */
const loneSurrogate = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
/** Tessera's opaque secrets (tss_…, tsu_…, tsi_…, tokens tsr_…) and license keys (tlk_…), anywhere in a string. */
export const secretShaped = /t(?:s[a-z]|lk)_[A-Za-z0-9_-]{43}/;

export const plainTextMessages = {
  control: "Remove control characters.",
  surrogate: "Remove the broken character (half of a UTF-16 surrogate pair).",
  bidi: "Remove the invisible text-direction characters (bidirectional controls).",
  secret: "This looks like a Tessera key or token: never put a secret here.",
} as const;

/** Why `text` may not be kept, or null. */
export function plainTextProblem(text: string): string | null {
  if (controlCharacters.test(text)) return plainTextMessages.control;
  if (loneSurrogate.test(text)) return plainTextMessages.surrogate;
  if (bidiControls.test(text)) return plainTextMessages.bidi;
  if (secretShaped.test(text)) return plainTextMessages.secret;
  return null;
}

/** For `.superRefine(...)` on a string schema: one issue with the problem's message. */
export function plainTextIssue(text: string, ctx: z.RefinementCtx): void {
  const problem = plainTextProblem(text);
  if (problem) ctx.addIssue({ code: "custom", message: problem });
}

/** A trimmed identifier on one line under the rule above, normalised to NFC (`required`: the message for an empty one; without it, "" is allowed). */
export function plainIdentifier(max: number, required?: string) {
  const base = z.string().trim();
  return (required ? base.min(1, required) : base)
    .superRefine(plainTextIssue)
    .transform((s) => s.normalize("NFC"))
    .pipe(z.string().max(max, `At most ${max} characters.`));
}
