// The data folder ($TESSERA_HOME, default .tessera at the repository root) and what lives in it: the one
// layout the launcher, the PKI and the host tools share (each part of cli/ reads its paths from here).
import path from "node:path";
import type { CertificateUsage } from "../contracts/tls-policy";

export const repoRoot = path.resolve(import.meta.dirname, "..");

export function tesseraHome(env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(env.TESSERA_HOME ?? path.join(repoRoot, ".tessera"));
}

/**
 * Where the PKI keeps its files. Each identity has at most one current certificate per usage:
 * issued/<identity>.crt and .key to call services (clientAuth), issued/<identity>.server.crt and
 * .server.key to serve (serverAuth). Identities cannot contain a dot, so the two never collide.
 */
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
    /** Audit events of operator actions (PKI, keys) not yet handed to the access service. */
    journal: path.join(pkiDir, "pending-events.jsonl"),
    issuedDir: path.join(pkiDir, "issued"),
    cert: (identity: string, usage: CertificateUsage = "client") => issued(identity, usage, "crt"),
    key: (identity: string, usage: CertificateUsage = "client") => issued(identity, usage, "key"),
  };
}
export type PkiFiles = ReturnType<typeof pkiFiles>;

export function homeLayout(home: string) {
  return {
    home,
    pki: pkiFiles(path.join(home, "pki")),
    accessDir: path.join(home, "access"),
    auditDir: path.join(home, "audit"),
    webDir: path.join(home, "web"),
    sessionSecretFile: path.join(home, "web", "session-secret"),
  };
}
export type HomeLayout = ReturnType<typeof homeLayout>;
