// The index of every certificate the CA issued (serial, identity, usage, validity, what it replaced), so that
// revoking a name reaches all of its certificates and `pki list` can show each one's state.
import fs from "node:fs/promises";
import path from "node:path";
import { indexFile, type IndexEntry, type IndexUsage } from "../../contracts/certificate-index";
import { x509 } from "./crypto-keys";
import type { PkiFiles } from "../home";

export { indexUsage, type IndexUsage, type IndexEntry, type CertificateState } from "../../contracts/certificate-index";

/** The usage a certificate's extended key usage grants. */
export function usageOf(cert: x509.X509Certificate): IndexUsage | null {
  const eku = cert.getExtension(x509.ExtendedKeyUsageExtension)?.usages.map(String) ?? [];
  const server = eku.includes(x509.ExtendedKeyUsage.serverAuth);
  const client = eku.includes(x509.ExtendedKeyUsage.clientAuth);
  return server && client ? "server+client" : server ? "server" : client ? "client" : null;
}

export async function readIndex(files: PkiFiles): Promise<IndexEntry[]> {
  const text = await fs.readFile(files.index, "utf8").catch(() => null);
  return text === null ? indexFromIssuedFiles(files) : indexFile.parse(JSON.parse(text));
}

/** Adds an entry; the caller holds the PKI lock. */
export async function addToIndex(files: PkiFiles, entry: IndexEntry): Promise<void> {
  const entries = await readIndex(files);
  entries.push(entry);
  await fs.writeFile(`${files.index}.tmp`, JSON.stringify(entries, null, 2) + "\n", { mode: 0o600 });
  await fs.rename(`${files.index}.tmp`, files.index);
}

/**
 * A data folder from before the index: the certificates still on disk are all it can know of (those
 * already overwritten by a renewal expire within their lifetime).
 */
async function indexFromIssuedFiles(files: PkiFiles): Promise<IndexEntry[]> {
  const names = (await fs.readdir(files.issuedDir).catch(() => [])).filter((n) => n.endsWith(".crt"));
  const entries: IndexEntry[] = [];
  for (const name of names.sort()) {
    const cert = new x509.X509Certificate(await fs.readFile(path.join(files.issuedDir, name), "utf8"));
    const identity = /CN=([^,]+)/.exec(cert.subject)?.[1];
    const usage = usageOf(cert);
    if (!identity || !usage) continue;
    entries.push({
      serial: cert.serialNumber.toLowerCase(),
      identity,
      usage,
      notBefore: cert.notBefore.toISOString(),
      notAfter: cert.notAfter.toISOString(),
      issuedAt: cert.notBefore.toISOString(),
      replaces: null,
    });
  }
  return entries;
}
