// Every certificate the CA issued, with its state now: valid, expired, revoked (by an operator) or
// replaced (revoked by the renewal that issued its successor).
import { normaliseSerial } from "../../contracts/tls-policy";
import { readIndex, type CertificateState, type IndexEntry } from "./certificate-index";
import type { PkiFiles } from "../home";
import { revokedByOperator, revokedBySerial } from "./revocation";

export type ListedCertificate = IndexEntry & { state: CertificateState; revokedAt: string | null };

export async function listCertificates(files: PkiFiles, now = Date.now()): Promise<ListedCertificate[]> {
  const revoked = await revokedBySerial(files);
  return (await readIndex(files)).map((entry) => {
    const revocation = revoked.get(normaliseSerial(entry.serial));
    const state: CertificateState = revocation ? (revokedByOperator(revocation) ? "revoked" : "replaced") : Date.parse(entry.notAfter) <= now ? "expired" : "valid";
    return { ...entry, state, revokedAt: revocation?.revokedAt ?? null };
  });
}
