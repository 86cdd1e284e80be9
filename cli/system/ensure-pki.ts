// Makes sure the data folder has a CA and fresh certificates for every process, and a current CRL.
import { caExists, initCa, loadCa } from "../pki/certificate-authority";
import { defaultCertificateHours, issueCertificate, readIssued } from "../pki/issue-certificate";
import type { PkiFiles } from "../pki/pki-files";
import { publishCrl, readRevoked } from "../pki/revocation";

export const systemIdentities = ["access", "audit", "web", "operator"] as const;

/** Issues a new certificate when the current one is missing, revoked, or past half its lifetime. Returns what it renewed. */
export async function ensurePki(files: PkiFiles, hosts: string[] = []): Promise<{ createdCa: boolean; renewed: string[] }> {
  const createdCa = !(await caExists(files));
  const ca = createdCa ? await initCa(files) : await loadCa(files);
  const revoked = new Set((await readRevoked(files)).map((r) => r.serial));
  const renewed: string[] = [];
  for (const identity of systemIdentities) {
    const current = await readIssued(files, identity);
    const now = Date.now();
    const stale =
      !current ||
      revoked.has(current.serial) ||
      current.notAfter.getTime() - now < (current.notAfter.getTime() - current.notBefore.getTime()) / 2;
    if (stale) {
      await issueCertificate(ca, files, identity, { hours: defaultCertificateHours, hosts });
      renewed.push(identity);
    }
  }
  await publishCrl(ca, files);
  return { createdCa, renewed };
}
