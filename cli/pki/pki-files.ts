// Where the PKI keeps its files inside the data folder. Each identity has at most one current certificate
// per usage: issued/<identity>.crt and .key to call services (clientAuth), issued/<identity>.server.crt and
// .server.key to serve (serverAuth). Identities cannot contain a dot, so the two never collide.
import path from "node:path";
import type { CertificateUsage } from "../../contracts/tls-policy";

export function pkiFiles(pkiDir: string) {
  const issued = (identity: string, usage: CertificateUsage, ext: "crt" | "key") =>
    path.join(pkiDir, "issued", usage === "server" ? `${identity}.server.${ext}` : `${identity}.${ext}`);
  return {
    dir: pkiDir,
    caKey: path.join(pkiDir, "ca.key"),
    caCert: path.join(pkiDir, "ca.crt"),
    crl: path.join(pkiDir, "ca.crl"),
    revoked: path.join(pkiDir, "revoked.json"),
    /** Every certificate ever issued: serial, identity, usage, validity. */
    index: path.join(pkiDir, "index.json"),
    /** Held while the index, the revocation list or the CRL is being rewritten. */
    lock: path.join(pkiDir, ".lock"),
    /** Audit events of PKI actions not yet handed to the access service. */
    journal: path.join(pkiDir, "pending-events.jsonl"),
    issuedDir: path.join(pkiDir, "issued"),
    cert: (identity: string, usage: CertificateUsage = "client") => issued(identity, usage, "crt"),
    key: (identity: string, usage: CertificateUsage = "client") => issued(identity, usage, "key"),
  };
}
export type PkiFiles = ReturnType<typeof pkiFiles>;
