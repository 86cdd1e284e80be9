// Revokes one certificate ("shun a node") and publishes the CA's revocation list that services load.
import fs from "node:fs/promises";
import { z } from "zod";
import { ecdsa, x509 } from "./crypto-keys";
import type { LoadedCa } from "./certificate-authority";
import { readIssued } from "./issue-certificate";
import type { PkiFiles } from "./pki-files";

const revokedList = z.array(z.object({ serial: z.string(), identity: z.string().nullable(), revokedAt: z.iso.datetime() }));
export type RevokedEntry = z.infer<typeof revokedList>[number];

/** How long a published list stays valid; `tessera start` and `tessera pki crl` republish it. */
export const crlValidityDays = 30;

export async function readRevoked(files: PkiFiles): Promise<RevokedEntry[]> {
  const text = await fs.readFile(files.revoked, "utf8").catch(() => "[]");
  return revokedList.parse(JSON.parse(text));
}

/** Revokes by serial (hex) or by identity (its current certificate). Returns the entry, or throws. */
export async function revokeCertificate(ca: LoadedCa, files: PkiFiles, serialOrIdentity: string): Promise<RevokedEntry> {
  const issued = await readIssued(files, serialOrIdentity);
  const serial = (issued?.serial ?? serialOrIdentity).toLowerCase();
  if (!/^[0-9a-f]{2,64}$/.test(serial)) throw new Error(`"${serialOrIdentity}" is neither an issued identity nor a hex serial number.`);
  const list = await readRevoked(files);
  const existing = list.find((e) => e.serial === serial);
  if (existing) return existing;
  const entry = { serial, identity: issued ? serialOrIdentity : null, revokedAt: new Date().toISOString() };
  list.push(entry);
  await fs.writeFile(files.revoked, JSON.stringify(list, null, 2) + "\n");
  await publishCrl(ca, files, list);
  return entry;
}

/** Writes a fresh CRL (PEM) listing every revoked serial. Written atomically: services watch the file. */
export async function publishCrl(ca: LoadedCa, files: PkiFiles, list?: RevokedEntry[]): Promise<void> {
  const entries = list ?? (await readRevoked(files));
  const now = new Date();
  const crl = await x509.X509CrlGenerator.create({
    issuer: ca.cert.subject,
    thisUpdate: new Date(now.getTime() - 60_000),
    nextUpdate: new Date(now.getTime() + crlValidityDays * 86_400_000),
    signingAlgorithm: ecdsa,
    signingKey: ca.key,
    extensions: [await x509.AuthorityKeyIdentifierExtension.create(ca.cert)],
    entries: entries.map((e) => ({ serialNumber: e.serial, revocationDate: new Date(e.revokedAt), reason: x509.X509CrlReason.keyCompromise })),
  });
  // OpenSSL wants the "X509 CRL" label.
  await fs.writeFile(`${files.crl}.tmp`, x509.PemConverter.encode(crl.rawData, "X509 CRL") + "\n");
  await fs.rename(`${files.crl}.tmp`, files.crl);
}
