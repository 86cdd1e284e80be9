// Revokes certificates ("shun a node": every certificate issued to a name, or one serial) and publishes the
// CA's revocation list that services and clients load; renewal revokes what it replaced as "superseded".
import fs from "node:fs/promises";
import { z } from "zod";
import { identityPattern } from "../../contracts/identities";
import { normaliseSerial } from "../../contracts/tls-policy";
import { readIndex, type IndexEntry } from "./certificate-index";
import { ecdsa, x509 } from "./crypto-keys";
import type { LoadedCa } from "./certificate-authority";
import type { PkiFiles } from "../home";
import { withPkiLock } from "./pki-lock";

export const revocationReason = z.enum(["keyCompromise", "superseded"]);
export type RevocationReason = z.infer<typeof revocationReason>;

const revokedList = z.array(
  z.object({
    serial: z.string(),
    identity: z.string().nullable(),
    revokedAt: z.iso.datetime(),
    // Lists written before renewal revoked anything hold operator revocations only.
    reason: revocationReason.default("keyCompromise"),
  }),
);
export type RevokedEntry = z.infer<typeof revokedList>[number];

/**
 * Whether a revocation shuns its node: an operator's (`tessera pki revoke`, reason keyCompromise), as opposed
 * to a renewal retiring the certificate it replaced ("superseded"). Nothing re-issues a shunned identity on
 * its own; only an operator's `tessera pki issue` re-admits it.
 */
export function revokedByOperator(entry: RevokedEntry | undefined): entry is RevokedEntry {
  return entry !== undefined && entry.reason !== "superseded";
}

/** How long a published list stays valid; the launcher republishes it when half of that has passed. */
export const crlValidityDays = 30;

export async function readRevoked(files: PkiFiles): Promise<RevokedEntry[]> {
  const text = await fs.readFile(files.revoked, "utf8").catch(() => "[]");
  return revokedList.parse(JSON.parse(text));
}

/** The revocation of each serial (normalised), for look-ups. */
export async function revokedBySerial(files: PkiFiles): Promise<Map<string, RevokedEntry>> {
  return new Map((await readRevoked(files)).map((e) => [normaliseSerial(e.serial), e]));
}

/**
 * Adds the given certificates to the revocation list and republishes the CRL, under the PKI lock.
 * Returns the entries it added (a serial already revoked is left as it was).
 */
export async function revokeSerials(ca: LoadedCa, files: PkiFiles, targets: { serial: string; identity: string | null }[], reason: RevocationReason): Promise<RevokedEntry[]> {
  return withPkiLock(files, async () => {
    const list = await readRevoked(files);
    const known = new Set(list.map((e) => normaliseSerial(e.serial)));
    const added: RevokedEntry[] = [];
    for (const t of targets) {
      if (known.has(normaliseSerial(t.serial))) continue;
      known.add(normaliseSerial(t.serial));
      added.push({ serial: t.serial.toLowerCase(), identity: t.identity, revokedAt: new Date().toISOString(), reason });
    }
    if (added.length === 0) return added;
    list.push(...added);
    await fs.writeFile(`${files.revoked}.tmp`, JSON.stringify(list, null, 2) + "\n");
    await fs.rename(`${files.revoked}.tmp`, files.revoked);
    await publishCrl(ca, files, list);
    return added;
  });
}

export type RevokeOutcome = { revoked: RevokedEntry[]; /** Certificates of the name that were already revoked or expired. */ untouched: IndexEntry[] };

/**
 * Revokes by name — every unexpired certificate ever issued to that identity, whatever its usage — or,
 * when no certificate was issued to such a name, one certificate by its hex serial.
 */
export async function revokeCertificate(ca: LoadedCa, files: PkiFiles, nameOrSerial: string): Promise<RevokeOutcome> {
  const index = await readIndex(files);
  const ofName = identityPattern.test(nameOrSerial) ? index.filter((e) => e.identity === nameOrSerial) : [];
  if (ofName.length > 0) {
    const already = await revokedBySerial(files);
    const now = Date.now();
    const live = ofName.filter((e) => Date.parse(e.notAfter) > now && !already.has(normaliseSerial(e.serial)));
    const revoked = await revokeSerials(ca, files, live.map((e) => ({ serial: e.serial, identity: e.identity })), "keyCompromise");
    return { revoked, untouched: ofName.filter((e) => !live.includes(e)) };
  }
  const serial = nameOrSerial.toLowerCase();
  if (!/^[0-9a-f]{2,64}$/.test(serial)) throw new Error(`"${nameOrSerial}" is neither the name of an issued certificate nor a hex serial number.`);
  const entry = index.find((e) => normaliseSerial(e.serial) === normaliseSerial(serial));
  const revoked = await revokeSerials(ca, files, [{ serial: entry?.serial ?? serial, identity: entry?.identity ?? null }], "keyCompromise");
  return { revoked, untouched: [] };
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
    entries: entries.map((e) => ({
      serialNumber: e.serial,
      revocationDate: new Date(e.revokedAt),
      reason: e.reason === "superseded" ? x509.X509CrlReason.superseded : x509.X509CrlReason.keyCompromise,
    })),
  });
  // OpenSSL wants the "X509 CRL" label.
  await fs.writeFile(`${files.crl}.tmp`, x509.PemConverter.encode(crl.rawData, "X509 CRL") + "\n");
  await fs.rename(`${files.crl}.tmp`, files.crl);
}

/** Whether the published CRL is missing or past half its validity (clients refuse an expired one). */
export async function crlNeedsPublishing(files: PkiFiles): Promise<boolean> {
  const pem = await fs.readFile(files.crl, "utf8").catch(() => null);
  if (!pem) return true;
  const crl = new x509.X509Crl(pem);
  const next = crl.nextUpdate?.getTime() ?? 0;
  return next - Date.now() < (next - crl.thisUpdate.getTime()) / 2;
}
