// A throwaway internal CA in a temporary folder, issuing certificates for tests (real TLS, real keys).
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { initCa, type LoadedCa } from "../../cli/pki/certificate-authority";
import { issueCertificate, type IssueOptions } from "../../cli/pki/issue-certificate";
import { pkiFiles, type PkiFiles } from "../../cli/pki/pki-files";
import { publishCrl, revokeCertificate } from "../../cli/pki/revocation";
import type { TlsFiles } from "../../services/common/tls/server-tls";

export type TestPki = {
  dir: string;
  files: PkiFiles;
  ca: LoadedCa;
  /** Issues (or re-issues) a certificate and returns TLS file paths for it. */
  issue(identity: string, options?: IssueOptions): Promise<TlsFiles>;
  /** PEM material for an HTTP client presenting `identity`. */
  client(identity: string): Promise<{ ca: Buffer; cert: Buffer; key: Buffer }>;
  revoke(identity: string): Promise<void>;
  remove(): Promise<void>;
};

export async function createTestPki(): Promise<TestPki> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "tpki-"));
  const files = pkiFiles(dir);
  const ca = await initCa(files, "Tessera test CA");
  await publishCrl(ca, files, []);
  const tlsFiles = (identity: string): TlsFiles => ({ caFile: files.caCert, certFile: files.cert(identity), keyFile: files.key(identity), crlFile: files.crl });
  return {
    dir,
    files,
    ca,
    issue: async (identity, options) => {
      await issueCertificate(ca, files, identity, options);
      return tlsFiles(identity);
    },
    client: async (identity) => ({
      ca: await fs.readFile(files.caCert),
      cert: await fs.readFile(files.cert(identity)),
      key: await fs.readFile(files.key(identity)),
    }),
    revoke: async (identity) => {
      await revokeCertificate(ca, files, identity);
    },
    remove: () => fs.rm(dir, { recursive: true, force: true }),
  };
}
