// The deployment's internal CA: create it once, load it to sign certificates and revocation lists.
import fs from "node:fs/promises";
import { generateKeyPair, privateKeyFromPem, privateKeyToPem, randomSerial, ecdsa, x509 } from "./crypto-keys";
import type { PkiFiles } from "../home";

export type LoadedCa = { cert: x509.X509Certificate; key: CryptoKey; certPem: string };

const caLifetimeDays = 3650;

export async function caExists(files: PkiFiles): Promise<boolean> {
  return fs.access(files.caCert).then(() => true, () => false);
}

/** Creates the CA key and self-signed certificate; refuses to overwrite an existing CA. */
export async function initCa(files: PkiFiles, name = "Tessera internal CA"): Promise<LoadedCa> {
  if (await caExists(files)) throw new Error(`A CA already exists in ${files.dir}; refusing to replace it.`);
  await fs.mkdir(files.issuedDir, { recursive: true, mode: 0o700 });
  const keys = await generateKeyPair();
  const now = new Date();
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: randomSerial(),
    name: `CN=${name}`,
    notBefore: new Date(now.getTime() - 60_000),
    notAfter: new Date(now.getTime() + caLifetimeDays * 86_400_000),
    keys,
    signingAlgorithm: ecdsa,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  await fs.writeFile(files.caKey, await privateKeyToPem(keys.privateKey), { mode: 0o600 });
  await fs.writeFile(files.caCert, cert.toString("pem") + "\n");
  await fs.writeFile(files.revoked, "[]\n");
  const loaded = { cert, key: keys.privateKey, certPem: cert.toString("pem") };
  return loaded;
}

export async function loadCa(files: PkiFiles): Promise<LoadedCa> {
  const certPem = await fs.readFile(files.caCert, "utf8").catch(() => {
    throw new Error(`No CA in ${files.dir}. Run \`npx tessera pki init\` first.`);
  });
  const key = await privateKeyFromPem(await fs.readFile(files.caKey, "utf8"));
  return { cert: new x509.X509Certificate(certPem), key, certPem };
}
