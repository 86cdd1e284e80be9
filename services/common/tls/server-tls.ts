// TLS material of an internal service or client: TLS 1.3 only at the policy's security level, the internal
// CA and its revocation list; files are watched so that rotation and revocation need no restart.
import fs from "node:fs";
import tls, { type SecureContextOptions } from "node:tls";
import { tlsCiphers, tlsMinVersion } from "../../../contracts/tls-policy";
import { watchFiles } from "./watch-files";

export type TlsFiles = { caFile: string; certFile: string; keyFile: string; crlFile?: string };

export type TlsMaterial = { ca: Buffer; cert: Buffer; key: Buffer; crl?: Buffer };

export function readTlsMaterial(files: TlsFiles): TlsMaterial {
  return {
    ca: fs.readFileSync(files.caFile),
    cert: fs.readFileSync(files.certFile),
    key: fs.readFileSync(files.keyFile),
    crl: files.crlFile && fs.existsSync(files.crlFile) ? fs.readFileSync(files.crlFile) : undefined,
  };
}

/** Options for a secure context, server or client: with a CRL, OpenSSL checks the peer's chain against it. */
export function secureContextOptions(material: TlsMaterial): SecureContextOptions {
  return { ...material, minVersion: tlsMinVersion, ciphers: tlsCiphers(tls.DEFAULT_CIPHERS) };
}

export function readTlsContext(files: TlsFiles): SecureContextOptions {
  return secureContextOptions(readTlsMaterial(files));
}

export function serverTlsOptions(files: TlsFiles) {
  return { ...readTlsContext(files), requestCert: true, rejectUnauthorized: true };
}

function sameMaterial(a: TlsMaterial, b: TlsMaterial): boolean {
  const same = (x?: Buffer, y?: Buffer) => (x && y ? x.equals(y) : x === y);
  return same(a.ca, b.ca) && same(a.cert, b.cert) && same(a.key, b.key) && same(a.crl, b.crl);
}

/**
 * Calls `onChange` with the new material within milliseconds of a TLS file changing (at worst
 * one poll, 1 s, where the file system sends no events); never for a rewrite with the same bytes.
 * Returns a stop function.
 */
export function watchTlsFiles(files: TlsFiles, onChange: (material: TlsMaterial) => void, onError: (e: unknown) => void, initial?: TlsMaterial) {
  const paths = [files.caFile, files.certFile, files.keyFile, files.crlFile].filter((p): p is string => !!p);
  let current = initial ?? readTlsMaterial(files);
  return watchFiles(paths, () => {
    try {
      const next = readTlsMaterial(files);
      if (sameMaterial(current, next)) return;
      onChange(next);
      current = next;
    } catch (e) {
      onError(e);
    }
  });
}
