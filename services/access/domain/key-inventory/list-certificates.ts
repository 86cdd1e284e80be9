// Every certificate the internal CA issued, from its index (written by `tessera pki`, public facts only),
// with its state now from the revocation list this service already trusts: revoked by an operator,
// replaced (revoked as superseded by a renewal), expired or valid. The CA's private key is never read.
import "reflect-metadata";
import fs from "node:fs/promises";
import { X509Crl, X509CrlReason } from "@peculiar/x509";
import { indexFile } from "../../../../contracts/certificate-index";
import type { InventoryCertificate } from "../../../../contracts/security-inventory-api";
import { normaliseSerial } from "../../../../contracts/tls-policy";

export type CertificateSources = { indexFile: string | null; crlFile: string | null };

export async function listIssuedCertificates(sources: CertificateSources, now: Date): Promise<{ rows: InventoryCertificate[] | null; unavailable: string | null }> {
  if (!sources.indexFile) return { rows: null, unavailable: "No certificate index is configured for this access service (TLS_CERTIFICATE_INDEX_FILE)." };
  let entries;
  try {
    entries = indexFile.parse(JSON.parse(await fs.readFile(sources.indexFile, "utf8")));
  } catch (e) {
    const missing = (e as NodeJS.ErrnoException).code === "ENOENT";
    return { rows: null, unavailable: missing ? "The certificate index has not been written yet (`tessera pki issue` writes it)." : "The certificate index could not be read." };
  }
  const revoked = new Map<string, { at: Date; superseded: boolean }>();
  if (sources.crlFile) {
    try {
      const crl = new X509Crl(await fs.readFile(sources.crlFile, "utf8"));
      for (const e of crl.entries) revoked.set(normaliseSerial(e.serialNumber), { at: e.revocationDate, superseded: e.reason === X509CrlReason.superseded });
    } catch {
      // Without the list, a revoked certificate would show as valid: show none rather than a wrong state.
      return { rows: null, unavailable: "The revocation list could not be read, so the certificates' states cannot be told." };
    }
  }
  const rows = entries.map((entry): InventoryCertificate => {
    const revocation = revoked.get(normaliseSerial(entry.serial));
    const state = revocation ? (revocation.superseded ? "replaced" : "revoked") : Date.parse(entry.notAfter) <= now.getTime() ? "expired" : "valid";
    return { serial: normaliseSerial(entry.serial), identity: entry.identity, usage: entry.usage, notBefore: entry.notBefore, notAfter: entry.notAfter, state, revokedAt: revocation?.at.toISOString() ?? null };
  });
  // Newest first within each identity, identities in name order.
  rows.sort((a, b) => a.identity.localeCompare(b.identity) || b.notBefore.localeCompare(a.notBefore));
  return { rows, unavailable: null };
}
