// Where the development PKI keeps its files inside the data folder.
import path from "node:path";

export function pkiFiles(pkiDir: string) {
  return {
    dir: pkiDir,
    caKey: path.join(pkiDir, "ca.key"),
    caCert: path.join(pkiDir, "ca.crt"),
    crl: path.join(pkiDir, "ca.crl"),
    revoked: path.join(pkiDir, "revoked.json"),
    issuedDir: path.join(pkiDir, "issued"),
    cert: (identity: string) => path.join(pkiDir, "issued", `${identity}.crt`),
    key: (identity: string) => path.join(pkiDir, "issued", `${identity}.key`),
  };
}
export type PkiFiles = ReturnType<typeof pkiFiles>;
