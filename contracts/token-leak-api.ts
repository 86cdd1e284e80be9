// Leaked tokens: a platform administrator's lookup by the pasted text, secret scanners' signing keys, and
// a scanner's signed report in the style of GitHub's secret-scanning partner program. Shapes only (no I/O).
import { z } from "zod";
import { recordId } from "./license-api";
import { tokenListRow } from "./token-api";

const isoDate = z.iso.datetime({ offset: true });

// ─── Lookup (token_leaks.write: platform administrators) ─────────────────────────────────────────

/**
 * POST /v1/tokens/lookup → 200 lookupTokenResponse. `value` is a whole token ("tsr_" + 49 characters,
 * its checksum checked before any lookup, then found by its digest) or its display prefix ("tsr_" + 8
 * characters, as lists show it). In a body, never in an address; never logged. 422 when it is neither
 * or the checksum does not match; 404 when no token has it.
 */
export const lookupTokenRequest = z.object({ value: z.string().trim().min(1, "Paste a token or its prefix.").max(200, "A token is 53 characters long.") }).strict();
export type LookupTokenRequest = z.infer<typeof lookupTokenRequest>;

export const lookupTokenResponse = z.object({
  /** "token": the whole token matched by digest (one match); "prefix": every token with this display prefix. */
  by: z.enum(["token", "prefix"]),
  matches: z.array(tokenListRow),
});
export type LookupTokenResponse = z.infer<typeof lookupTokenResponse>;

// ─── Secret scanners' keys (token_leaks.write) ────────────────────────────────────────────────────

export const secretScannerKeyDto = z.object({
  id: z.string(),
  /** Who reports with it, e.g. "GitHub secret scanning". */
  reporter: z.string(),
  /** The identifier the reporter sends beside each signature (GitHub: `Github-Public-Key-Identifier`). */
  keyIdentifier: z.string(),
  /** SHA-256 of the key's DER encoding (hex), to compare with the reporter's published key. */
  fingerprint: z.string(),
  createdAt: isoDate,
  retiredAt: isoDate.nullable(),
});
export type SecretScannerKeyDto = z.infer<typeof secretScannerKeyDto>;

export const listSecretScannerKeysResponse = z.object({ keys: z.array(secretScannerKeyDto) });

/**
 * POST /v1/secret-scanner-keys → 201 { key }. `publicKey` is the reporter's ECDSA P-256 public key in PEM
 * (SPKI, "-----BEGIN PUBLIC KEY-----"), as GitHub publishes it at /meta/public_keys/secret_scanning.
 * 422 when it is not a P-256 public key; 409 reason "key-identifier-taken".
 */
export const registerSecretScannerKeyRequest = z
  .object({
    reporter: z.string().trim().min(1, "Name the reporter.").max(100, "At most 100 characters."),
    keyIdentifier: z.string().trim().min(1, "Enter the key identifier.").max(200, "At most 200 characters.").regex(/^[\x21-\x7e]+$/, "Printable characters without spaces."),
    publicKey: z.string().trim().min(1, "Paste the public key (PEM).").max(4000, "A P-256 public key in PEM is about 180 characters."),
  })
  .strict();
export type RegisterSecretScannerKeyRequest = z.infer<typeof registerSecretScannerKeyRequest>;
export const secretScannerKeyResponse = z.object({ key: secretScannerKeyDto });

/** POST /v1/secret-scanner-keys/:id/retire (no body) → 200 { key }; 409 reason "already-retired". */
export const secretScannerKeyParams = z.object({ id: recordId });

// ─── A scanner's report (the public host → the web tier → the access service over mTLS) ─────────

/** The headers a reporter signs with, as GitHub's partner program names them. */
export const scannerKeyIdentifierHeader = "github-public-key-identifier";
export const scannerSignatureHeader = "github-public-key-signature";

/** At most this many found tokens in one report, and this many bytes of body. */
export const maxLeakBatch = 100;
export const maxLeakReportBytes = 64 * 1024;

/** One found token, as GitHub sends it: the token, the pattern's type, where it was found, and which service found it. */
export const leakReportItem = z.object({
  token: z.string().min(1).max(4096),
  type: z.string().max(200),
  url: z.string().max(2000).optional().default(""),
  source: z.string().max(200).optional().default(""),
});
export const leakReportBatch = z.array(leakReportItem).min(1, "The report holds no tokens.").max(maxLeakBatch, `At most ${maxLeakBatch} tokens in one report.`);
export type LeakReportItem = z.infer<typeof leakReportItem>;

/**
 * POST /v1/token-leaks (the web tier only): the report's raw bytes (base64) as received, and the two
 * headers. The access service checks the signature (ECDSA P-256, SHA-256, DER) over exactly those bytes
 * before reading them. 401 reason "unknown-key" or "bad-signature"; 400 malformed body; 413 too many.
 */
export const forwardedLeakReport = z
  .object({
    body: z.base64().max(Math.ceil((maxLeakReportBytes * 4) / 3) + 4),
    keyIdentifier: z.string().min(1).max(200),
    signature: z.string().min(1).max(400),
  })
  .strict();
export type ForwardedLeakReport = z.infer<typeof forwardedLeakReport>;

export const leakLabels = ["true_positive", "false_positive"] as const;

/**
 * The answer, one entry per reported token in order, as GitHub's partner API expects: `token_hash` is
 * the SHA-256 (hex) of the token (the token itself is never echoed); `true_positive` for a Tessera token
 * (revoked now, or already revoked or expired), `false_positive` for anything else.
 */
export const leakReportResponse = z.array(z.object({ token_hash: z.string(), token_type: z.string(), label: z.enum(leakLabels) }));
export type LeakReportResponse = z.infer<typeof leakReportResponse>;
