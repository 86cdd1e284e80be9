// Issues a short-lived certificate for one identity (CN), usable as TLS server and client certificate.
import fs from "node:fs/promises";
import { isIP } from "node:net";
import { identityPattern } from "../../contracts/identities";
import { generateKeyPair, privateKeyToPem, randomSerial, ecdsa, x509 } from "./crypto-keys";
import type { LoadedCa } from "./certificate-authority";
import type { PkiFiles } from "./pki-files";

export const defaultCertificateHours = 24;

export type IssueOptions = {
  /** Lifetime in hours (short by design; the launcher renews). */
  hours?: number;
  /** DNS names and IP addresses the certificate is valid for, besides localhost. */
  hosts?: string[];
  /** Backdate/expiry override, for tests of expired certificates. */
  notBefore?: Date;
  notAfter?: Date;
};

export type IssuedCertificate = { identity: string; serial: string; notAfter: Date; certFile: string; keyFile: string };

export async function issueCertificate(ca: LoadedCa, files: PkiFiles, identity: string, options: IssueOptions = {}): Promise<IssuedCertificate> {
  if (!identityPattern.test(identity)) throw new Error(`"${identity}" is not a valid identity (lowercase letters, digits and dashes).`);
  const keys = await generateKeyPair();
  const now = Date.now();
  const notBefore = options.notBefore ?? new Date(now - 60_000);
  const notAfter = options.notAfter ?? new Date(now + (options.hours ?? defaultCertificateHours) * 3_600_000);
  const hosts = ["localhost", "127.0.0.1", "::1", ...(options.hosts ?? [])];
  const serial = randomSerial();
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: serial,
    subject: `CN=${identity}`,
    issuer: ca.cert.subject,
    notBefore,
    notAfter,
    signingAlgorithm: ecdsa,
    publicKey: keys.publicKey,
    signingKey: ca.key,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth, x509.ExtendedKeyUsage.clientAuth]),
      new x509.SubjectAlternativeNameExtension(
        [...new Set(hosts)].map((h) => (isIP(h) ? { type: "ip" as const, value: h } : { type: "dns" as const, value: h })),
      ),
      await x509.AuthorityKeyIdentifierExtension.create(ca.cert),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  await fs.mkdir(files.issuedDir, { recursive: true, mode: 0o700 });
  const keyFile = files.key(identity);
  const certFile = files.cert(identity);
  // Write to temporary names and rename, so a watching service never reads half a pair.
  await fs.writeFile(`${keyFile}.tmp`, await privateKeyToPem(keys.privateKey), { mode: 0o600 });
  await fs.writeFile(`${certFile}.tmp`, cert.toString("pem") + "\n");
  await fs.rename(`${keyFile}.tmp`, keyFile);
  await fs.rename(`${certFile}.tmp`, certFile);
  return { identity, serial, notAfter, certFile, keyFile };
}

/** Reads an issued certificate's serial and validity, or null when there is none. */
export async function readIssued(files: PkiFiles, identity: string) {
  const pem = await fs.readFile(files.cert(identity), "utf8").catch(() => null);
  if (!pem) return null;
  const cert = new x509.X509Certificate(pem);
  return { serial: cert.serialNumber, notBefore: cert.notBefore, notAfter: cert.notAfter };
}
