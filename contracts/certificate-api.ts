// Offline license certificates and the JWKS that verifies them: response and claim shapes only (no I/O).
// Any standard JOSE library verifies a certificate: compact JWS, alg EdDSA (Ed25519), key from the JWKS by kid.
import { z } from "zod";
import { fingerprint } from "./activation-api";

/** JOSE `typ` header of a license certificate (RFC 8725 §3.11 explicit typing). */
export const licenseCertificateType = "tessera-license+jwt";

/** A public signing key as published at GET /.well-known/jwks.json. */
export const publicSigningJwk = z.object({
  kty: z.literal("OKP"),
  crv: z.literal("Ed25519"),
  x: z.string(),
  kid: z.string(),
  alg: z.literal("EdDSA"),
  use: z.literal("sig"),
});

/** GET /.well-known/jwks.json (any internal identity) → 200 RFC 7517 JWK Set. */
export const jwksResponse = z.object({ keys: z.array(publicSigningJwk) });

/** The payload of a license certificate (times are JWT NumericDates: seconds since the epoch). */
export const licenseCertificateClaims = z.object({
  iss: z.string(),
  /** The license id. */
  sub: z.string(),
  jti: z.string(),
  iat: z.number().int(),
  /** The license's start. */
  nbf: z.number().int(),
  /**
   * The license's end, or earlier: a certificate lives at most 90 days, so take a fresh one before then.
   * Bound to a fingerprint, no later than its activation's expiry (last seen + the tier's heartbeat
   * window): keep the seat with heartbeats and take a fresh certificate to run on.
   */
  exp: z.number().int(),
  tenant: z.object({ id: z.string(), slug: z.string(), name: z.string(), kind: z.enum(["company", "district"]) }),
  /** The component key, e.g. "reports". */
  application: z.string(),
  tier: z.object({ key: z.string(), name: z.string() }),
  /** Scope keys the license carries: those its tier allows for the application. */
  scopes: z.array(z.string()),
  seats: z.number().int(),
  /** Present when the certificate is bound to one activation: valid only for the machine or person with this fingerprint. */
  fingerprint: z.string().optional(),
});
export type LicenseCertificateClaims = z.infer<typeof licenseCertificateClaims>;

/**
 * GET /v1/licenses/:id/certificate (licenses.read) → 200; 404 when missing or another tenant's;
 * 409 with reason license-revoked | license-suspended | license-expired | license-not-started, or
 * not-activated when `fingerprint` holds no seat of the license now.
 */
export const licenseCertificateQuery = z.strictObject({ fingerprint: fingerprint.optional() });
export const licenseCertificateResponse = z.object({
  certificate: z.string(),
  kid: z.string(),
  expiresAt: z.iso.datetime(),
});
export type LicenseCertificateResponse = z.infer<typeof licenseCertificateResponse>;

export const certificateRefusalReasons = ["license-revoked", "license-suspended", "license-expired", "license-not-started", "not-activated"] as const;
export type CertificateRefusalReason = (typeof certificateRefusalReasons)[number];
