// TLS material of an internal service: TLS 1.3 only, client certificates required and checked
// against the internal CA and its revocation list; files are watched so rotation needs no restart.
import fs from "node:fs";
import type { SecureContextOptions } from "node:tls";

export type TlsFiles = { caFile: string; certFile: string; keyFile: string; crlFile?: string };

export function readTlsContext(files: TlsFiles): SecureContextOptions {
  return {
    ca: fs.readFileSync(files.caFile),
    cert: fs.readFileSync(files.certFile),
    key: fs.readFileSync(files.keyFile),
    crl: files.crlFile && fs.existsSync(files.crlFile) ? fs.readFileSync(files.crlFile) : undefined,
    minVersion: "TLSv1.3",
  };
}

export function serverTlsOptions(files: TlsFiles) {
  return { ...readTlsContext(files), requestCert: true, rejectUnauthorized: true };
}

/** Calls `onChange` with fresh options whenever a TLS file changes; returns a stop function. */
export function watchTlsFiles(files: TlsFiles, onChange: (context: SecureContextOptions) => void, onError: (e: unknown) => void) {
  const paths = [files.caFile, files.certFile, files.keyFile, files.crlFile].filter((p): p is string => !!p);
  const listener = () => {
    try {
      onChange(readTlsContext(files));
    } catch (e) {
      onError(e);
    }
  };
  for (const p of paths) fs.watchFile(p, { interval: 1000 }, listener);
  return () => paths.forEach((p) => fs.unwatchFile(p, listener));
}
