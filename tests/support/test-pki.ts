// A throwaway internal CA in a temporary folder, issuing certificates for tests (real TLS, real keys).
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { CertificateUsage } from "../../contracts/tls-policy";
import { initCa, type LoadedCa } from "../../cli/pki/certificate-authority";
import { issueCertificate, type IssueOptions, type IssuedCertificate } from "../../cli/pki/issue-certificate";
import { pkiFiles, type PkiFiles } from "../../cli/home";
import { publishCrl, revokeCertificate, type RevokeOutcome } from "../../cli/pki/revocation";
import type { TlsFiles } from "../../services/common/tls/server-tls";

export type ClientMaterial = { ca: Buffer; cert: Buffer; key: Buffer; crl: Buffer };

export type TestPki = {
  dir: string;
  files: PkiFiles;
  ca: LoadedCa;
  /**
   * Issues (or re-issues) certificates for `identity` and returns the TLS files of the server one. Without
   * `usage`, both a server and a client certificate, as a test's identity often serves and calls.
   */
  issue(identity: string, options?: IssueOptions): Promise<TlsFiles>;
  /** Like `issue` with one usage, returning what was issued (serial, files). */
  issueOne(identity: string, usage: CertificateUsage, options?: Omit<IssueOptions, "usage">): Promise<IssuedCertificate>;
  /** TLS file paths of `identity`'s current certificate of `usage`, with the CRL. */
  tlsFiles(identity: string, usage: CertificateUsage): TlsFiles;
  /** PEM material (and the current CRL) for an HTTP client presenting `identity`'s client certificate. */
  client(identity: string): Promise<ClientMaterial>;
  /** Revokes every unexpired certificate of `identity`, as `tessera pki revoke NAME` does. */
  revoke(identity: string): Promise<RevokeOutcome>;
  remove(): Promise<void>;
};

export async function createTestPki(): Promise<TestPki> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "tpki-"));
  const files = pkiFiles(dir);
  const ca = await initCa(files, "Tessera test CA");
  await publishCrl(ca, files, []);
  const tlsFiles = (identity: string, usage: CertificateUsage): TlsFiles => ({
    caFile: files.caCert,
    certFile: files.cert(identity, usage),
    keyFile: files.key(identity, usage),
    crlFile: files.crl,
  });
  const issueOne = (identity: string, usage: CertificateUsage, options?: Omit<IssueOptions, "usage">) => issueCertificate(ca, files, identity, { ...options, usage });
  return {
    dir,
    files,
    ca,
    issue: async (identity, options) => {
      const usages: CertificateUsage[] = options?.usage ? [options.usage] : ["server", "client"];
      for (const usage of usages) await issueOne(identity, usage, options);
      return tlsFiles(identity, usages[0]);
    },
    issueOne,
    tlsFiles,
    client: async (identity) => ({
      ca: await fs.readFile(files.caCert),
      cert: await fs.readFile(files.cert(identity, "client")),
      key: await fs.readFile(files.key(identity, "client")),
      crl: await fs.readFile(files.crl),
    }),
    revoke: (identity) => revokeCertificate(ca, files, identity),
    remove: () => fs.rm(dir, { recursive: true, force: true }),
  };
}
