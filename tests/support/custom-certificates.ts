// Certificates the PKI would never issue, signed by the test CA all the same: RSA keys, a wrong or missing
// extended key usage. For tests that the transport policy refuses them even though the CA signed them.
import fs from "node:fs/promises";
import path from "node:path";
import { webcrypto } from "node:crypto";
import { ecdsa, randomSerial, x509 } from "../../cli/pki/crypto-keys";
import type { TlsFiles } from "../../services/common/tls/server-tls";
import type { TestPki } from "./test-pki";

export type CustomKey = "ecdsa-p256" | "rsa-1024" | "rsa-2048";
export type CustomUsage = "serverAuth" | "clientAuth";

const algorithm = (key: CustomKey) =>
  key === "ecdsa-p256" ? ecdsa : { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256", publicExponent: new Uint8Array([1, 0, 1]), modulusLength: key === "rsa-1024" ? 1024 : 2048 };

/** Issues a certificate for `identity` with the given key and extended key usages (none: no extension), and writes it beside the test CA. */
export async function issueCustomCertificate(pki: TestPki, identity: string, options: { key: CustomKey; usages: CustomUsage[] }): Promise<TlsFiles & { cert: string; keyPem: string }> {
  const keys = (await webcrypto.subtle.generateKey(algorithm(options.key), true, ["sign", "verify"])) as CryptoKeyPair;
  const extensions: x509.Extension[] = [
    new x509.BasicConstraintsExtension(false, undefined, true),
    new x509.SubjectAlternativeNameExtension([{ type: "dns", value: "localhost" }, { type: "ip", value: "127.0.0.1" }]),
  ];
  if (options.usages.length) extensions.push(new x509.ExtendedKeyUsageExtension(options.usages.map((u) => x509.ExtendedKeyUsage[u])));
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: randomSerial(),
    subject: `CN=${identity}`,
    issuer: pki.ca.cert.subject,
    notBefore: new Date(Date.now() - 60_000),
    notAfter: new Date(Date.now() + 3_600_000),
    signingAlgorithm: ecdsa,
    publicKey: keys.publicKey,
    signingKey: pki.ca.key,
    extensions,
  });
  const keyPem = x509.PemConverter.encode(await webcrypto.subtle.exportKey("pkcs8", keys.privateKey), "PRIVATE KEY") + "\n";
  const base = path.join(pki.dir, "custom", `${identity}-${options.key}-${options.usages.join("+") || "none"}`);
  await fs.mkdir(path.dirname(base), { recursive: true });
  await fs.writeFile(`${base}.crt`, cert.toString("pem") + "\n");
  await fs.writeFile(`${base}.key`, keyPem, { mode: 0o600 });
  return { caFile: pki.files.caCert, certFile: `${base}.crt`, keyFile: `${base}.key`, crlFile: pki.files.crl, cert: cert.toString("pem"), keyPem };
}
