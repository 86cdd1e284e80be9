// Issues a short-lived certificate for one identity (CN) and one usage: a server certificate carries
// serverAuth only, a client certificate clientAuth only, so neither can stand in for the other.
import fs from "node:fs/promises";
import { isIP } from "node:net";
import { identityPattern } from "../../contracts/identities";
import type { CertificateUsage } from "../../contracts/tls-policy";
import { addToIndex, usageOf, type IndexUsage } from "./certificate-index";
import { generateKeyPair, privateKeyToPem, randomSerial, ecdsa, x509 } from "./crypto-keys";
import type { LoadedCa } from "./certificate-authority";
import type { PkiFiles } from "../home";
import { withPkiLock } from "./pki-lock";

export const defaultCertificateHours = 24;

/** The names every certificate is valid for, besides those asked for. */
export const defaultHosts = ["localhost", "127.0.0.1", "::1"];

export type IssueOptions = {
  /** "client" (default) to call services, "server" to serve them. */
  usage?: CertificateUsage;
  /** Lifetime in hours (short by design; the launcher renews). */
  hours?: number;
  /** DNS names and IP addresses the certificate is valid for, besides localhost. */
  hosts?: string[];
  /** Backdate/expiry override, for tests of expired certificates. */
  notBefore?: Date;
  notAfter?: Date;
};

export type IssuedCertificate = {
  identity: string;
  usage: CertificateUsage;
  serial: string;
  notAfter: Date;
  certFile: string;
  keyFile: string;
  /** Serial of the certificate this one replaced in its files, if there was one. */
  replaces: string | null;
};

const usageExtension = (usage: CertificateUsage) =>
  new x509.ExtendedKeyUsageExtension([usage === "server" ? x509.ExtendedKeyUsage.serverAuth : x509.ExtendedKeyUsage.clientAuth], true);

export async function issueCertificate(ca: LoadedCa, files: PkiFiles, identity: string, options: IssueOptions = {}): Promise<IssuedCertificate> {
  if (!identityPattern.test(identity)) throw new Error(`"${identity}" is not a valid identity (lowercase letters, digits and dashes).`);
  const usage = options.usage ?? "client";
  const keys = await generateKeyPair();
  const now = Date.now();
  const notBefore = options.notBefore ?? new Date(now - 60_000);
  const notAfter = options.notAfter ?? new Date(now + (options.hours ?? defaultCertificateHours) * 3_600_000);
  const hosts = [...defaultHosts, ...(options.hosts ?? [])];
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
      usageExtension(usage),
      new x509.SubjectAlternativeNameExtension(
        [...new Set(hosts)].map((h) => (isIP(h) ? { type: "ip" as const, value: h } : { type: "dns" as const, value: h })),
      ),
      await x509.AuthorityKeyIdentifierExtension.create(ca.cert),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  const keyPem = await privateKeyToPem(keys.privateKey);
  const keyFile = files.key(identity, usage);
  const certFile = files.cert(identity, usage);
  return withPkiLock(files, async () => {
    const previous = await readIssued(files, identity, usage);
    // In the index before the files: a certificate in use is always one that `pki revoke NAME` reaches.
    await addToIndex(files, {
      serial: cert.serialNumber.toLowerCase(),
      identity,
      usage,
      notBefore: notBefore.toISOString(),
      notAfter: notAfter.toISOString(),
      issuedAt: new Date().toISOString(),
      replaces: previous?.serial ?? null,
    });
    await fs.mkdir(files.issuedDir, { recursive: true, mode: 0o700 });
    // Write to temporary names and rename, so a watching process never reads half a file.
    await fs.writeFile(`${keyFile}.tmp`, keyPem, { mode: 0o600 });
    await fs.writeFile(`${certFile}.tmp`, cert.toString("pem") + "\n");
    await fs.rename(`${keyFile}.tmp`, keyFile);
    await fs.rename(`${certFile}.tmp`, certFile);
    return { identity, usage, serial: cert.serialNumber.toLowerCase(), notAfter, certFile, keyFile, replaces: previous?.serial ?? null };
  });
}

export type IssuedInfo = { serial: string; notBefore: Date; notAfter: Date; usage: IndexUsage | null };

/** Reads the current certificate of an identity and usage: its serial, validity and actual usage, or null when there is none. */
export async function readIssued(files: PkiFiles, identity: string, usage: CertificateUsage = "client"): Promise<IssuedInfo | null> {
  const pem = await fs.readFile(files.cert(identity, usage), "utf8").catch(() => null);
  if (!pem) return null;
  const cert = new x509.X509Certificate(pem);
  return { serial: cert.serialNumber.toLowerCase(), notBefore: cert.notBefore, notAfter: cert.notAfter, usage: usageOf(cert) };
}
