// The deployment's transport policy, one home for every zone: TLS 1.3 only, ECDSA keys on P-256 or a
// stronger NIST curve (what the internal CA issues), one purpose per certificate, and the check of a
// peer's certificate that the services run on each client and the clients run on each server.
// Pure: it reads the fields of Node's peer-certificate object and does no I/O.

export const tlsMinVersion = "TLSv1.3" as const;

/**
 * OpenSSL security level 3 (128-bit security): RSA and DH keys under 3072 bits already fail inside the
 * handshake; `peerCertificateProblem` refuses every non-ECDSA key on top of that.
 */
export function tlsCiphers(defaultCiphers: string): string {
  return `${defaultCiphers}:@SECLEVEL=3`;
}

export const acceptedCurves: readonly string[] = ["P-256", "P-384", "P-521"];

export const extendedKeyUsage = { serverAuth: "1.3.6.1.5.5.7.3.1", clientAuth: "1.3.6.1.5.5.7.3.2" } as const;

/** What a certificate is for: serving (serverAuth only) or calling (clientAuth only). */
export type CertificateUsage = "server" | "client";
export const certificateUsages: readonly CertificateUsage[] = ["server", "client"];

/** The fields of Node's `getPeerCertificate()` object that the policy reads. */
export type PeerCertificateFields = {
  subject?: { CN?: string | string[] } | null;
  serialNumber?: string;
  nistCurve?: string;
  ext_key_usage?: string[];
  valid_to?: string;
};

export type PeerExpectation = {
  /** How the peer presented the certificate: "server" when we called it, "client" when it called us. */
  usage: CertificateUsage;
  /** The identity (CN) the peer must have, when only one is acceptable. */
  identity?: string;
  /** Serials (normalised) that are revoked now. */
  revoked?: ReadonlySet<string>;
  now: number;
};

/** Serial numbers as lowercase hex without leading zeros, so Node's and the CRL's spellings compare equal. */
export function normaliseSerial(hex: string): string {
  return hex.toLowerCase().replace(/^0+(?=.)/, "");
}

/** The certificate's CN, or null when it has none or several. */
export function certificateIdentity(cert: PeerCertificateFields | null | undefined): string | null {
  const cn = cert?.subject?.CN;
  return typeof cn === "string" ? cn : null;
}

/** The time after which the certificate is expired (ms since the epoch), NaN when unknown. */
export function certificateValidUntil(cert: PeerCertificateFields): number {
  return cert.valid_to ? Date.parse(cert.valid_to) : Number.NaN;
}

/**
 * Why the peer's certificate is refused, or null when the policy admits it. The TLS stack has checked the
 * chain, expiry and the CRL on a full handshake; this also holds for resumed sessions, which skip them.
 */
export function peerCertificateProblem(cert: PeerCertificateFields | null | undefined, expect: PeerExpectation): string | null {
  if (!cert?.serialNumber) return "no certificate";
  if (!cert.nistCurve || !acceptedCurves.includes(cert.nistCurve)) return "its key is not ECDSA on P-256 or a stronger curve";
  const usages = cert.ext_key_usage ?? [];
  const wanted = expect.usage === "server" ? extendedKeyUsage.serverAuth : extendedKeyUsage.clientAuth;
  const other = expect.usage === "server" ? extendedKeyUsage.clientAuth : extendedKeyUsage.serverAuth;
  if (!usages.includes(wanted) || usages.includes(other)) return `it is not a ${expect.usage} certificate (extended key usage ${expect.usage}Auth only)`;
  const identity = certificateIdentity(cert);
  if (expect.identity !== undefined && identity !== expect.identity) return `it names ${identity ? `"${identity}"` : "no identity"}, not "${expect.identity}"`;
  if (!(certificateValidUntil(cert) > expect.now)) return "it has expired";
  if (expect.revoked?.has(normaliseSerial(cert.serialNumber))) return "it has been revoked";
  return null;
}
