// Makes sure the data folder has a CA, a current certificate for each process and use, and a fresh CRL;
// a renewal revokes the certificate it replaced once the processes have had time to load the new one.
// An identity an operator revoked stays shunned: it is reported, never re-issued here.
// Every certificate issued or revoked here is journalled as an audit event of the launcher.
import type { CertificateUsage } from "../../contracts/tls-policy";
import { normaliseSerial } from "../../contracts/tls-policy";
import { readIndex } from "../pki/certificate-index";
import { caExists, initCa, loadCa } from "../pki/certificate-authority";
import { defaultCertificateHours, defaultHosts, issueCertificate, readIssued, type IssuedCertificate, type IssuedInfo } from "../pki/issue-certificate";
import { caCreatedEvent, issuedEvent, revokedEvent } from "../pki/pki-events";
import type { PkiFiles } from "../home";
import { crlNeedsPublishing, publishCrl, revokedByOperator, revokedBySerial, revokeSerials, type RevokedEntry } from "../pki/revocation";
import { journalOperatorEvents } from "../operator-events/operator-events";

export const systemIdentities = ["access", "audit", "web", "operator"] as const;

/** The certificates the launcher keeps: the services serve; access (calling audit), the web tier and the operator's tools call. */
export const systemCertificates: readonly { identity: (typeof systemIdentities)[number]; usage: CertificateUsage }[] = [
  { identity: "access", usage: "server" },
  { identity: "access", usage: "client" },
  { identity: "audit", usage: "server" },
  { identity: "web", usage: "client" },
  { identity: "operator", usage: "client" },
];

/**
 * How long a renewed certificate's predecessor stays valid while processes run: they load new TLS files
 * within a second (at worst one poll), so 5 s leaves room for a busy machine.
 */
export const renewalGraceMs = 5_000;

/** A launcher certificate whose current certificate an operator revoked: its identity is shunned until re-issued. */
export type ShunnedCertificate = { identity: string; usage: CertificateUsage; serial: string; revokedAt: string };

export type PkiUpkeep = { createdCa: boolean; issued: IssuedCertificate[]; revoked: RevokedEntry[]; shunned: ShunnedCertificate[] };

const actor = "tessera start";

/** Missing, of the wrong usage, retired by a renewal that did not finish, or past half its lifetime. */
function needsRenewal(current: IssuedInfo | null, usage: CertificateUsage, revoked: Map<string, RevokedEntry>, now: number): boolean {
  if (!current || current.usage !== usage || revoked.has(normaliseSerial(current.serial))) return true;
  const lifetime = current.notAfter.getTime() - current.notBefore.getTime();
  return current.notAfter.getTime() - now < lifetime / 2;
}

/**
 * Issues what is missing, of the wrong usage or past half its lifetime; leaves what an operator revoked
 * revoked and returns it as `shunned`. `graceMs`: how long to wait before revoking what was replaced (0 when
 * no process is running yet).
 */
export async function ensurePki(files: PkiFiles, hosts: string[] = [], options: { graceMs?: number } = {}): Promise<PkiUpkeep> {
  const createdCa = !(await caExists(files));
  const ca = createdCa ? await initCa(files) : await loadCa(files);
  if (createdCa) await journalOperatorEvents(files, [caCreatedEvent(ca.cert.serialNumber.toLowerCase())], actor);
  const revoked = await revokedBySerial(files);
  const issued: IssuedCertificate[] = [];
  const shunned: ShunnedCertificate[] = [];
  for (const { identity, usage } of systemCertificates) {
    const current = await readIssued(files, identity, usage);
    const revocation = current ? revoked.get(normaliseSerial(current.serial)) : undefined;
    if (current && revokedByOperator(revocation)) {
      shunned.push({ identity, usage, serial: current.serial, revokedAt: revocation.revokedAt });
      continue;
    }
    if (!needsRenewal(current, usage, revoked, Date.now())) continue;
    const certificate = await issueCertificate(ca, files, identity, { usage, hours: defaultCertificateHours, hosts });
    issued.push(certificate);
    await journalOperatorEvents(files, [issuedEvent(certificate, certificate.replaces !== null)], actor);
  }
  if (issued.some((c) => c.replaces) && options.graceMs) await new Promise((r) => setTimeout(r, options.graceMs));
  const superseded = await revokeSuperseded(files, ca);
  await journalOperatorEvents(files, superseded.map(revokedEvent), actor);
  if (superseded.length === 0 && (await crlNeedsPublishing(files))) await publishCrl(ca, files);
  return { createdCa, issued, revoked: superseded, shunned };
}

/**
 * The operator's sentence for shunned certificates: which identity, since when, and the `tessera pki issue`
 * commands that re-admit it (with the hosts the launcher would have put in its server certificate), then
 * `afterwards`: what re-admits it from there (start again, or nothing while the processes run).
 */
export function describeShunned(shunned: ShunnedCertificate[], hosts: string[], afterwards: string): string[] {
  const byIdentity = new Map<string, ShunnedCertificate[]>();
  for (const c of shunned) byIdentity.set(c.identity, [...(byIdentity.get(c.identity) ?? []), c]);
  const hostArgs = [...new Set(hosts)].filter((h) => !defaultHosts.includes(h)).map((h) => ` --host ${h}`).join("");
  return [...byIdentity].map(([identity, certificates]) => {
    const which = certificates.map((c) => `${c.usage} certificate ${c.serial}`).join(" and ");
    const commands = certificates.map((c) => `npx tessera pki issue ${identity} --usage ${c.usage}${c.usage === "server" ? hostArgs : ""}`);
    return (
      `${identity} is shunned: an operator revoked its ${which} (at ${certificates[0].revokedAt}), and the launcher issues a revoked identity no new certificate. ` +
      `To re-admit it, run ${commands.map((c) => `\`${c}\``).join(" and ")}; ${afterwards}.`
    );
  });
}

/**
 * Revokes every unexpired certificate of a launcher identity that is no longer in use: replaced by a
 * renewal (now or in a run that stopped before revoking), or of a usage the launcher no longer keeps.
 */
async function revokeSuperseded(files: PkiFiles, ca: Awaited<ReturnType<typeof loadCa>>): Promise<RevokedEntry[]> {
  const inUse = new Set<string>();
  for (const { identity, usage } of systemCertificates) {
    const current = await readIssued(files, identity, usage);
    if (current) inUse.add(normaliseSerial(current.serial));
  }
  const revoked = await revokedBySerial(files);
  const now = Date.now();
  const identities: readonly string[] = systemIdentities;
  const stale = (await readIndex(files)).filter(
    (e) => identities.includes(e.identity) && Date.parse(e.notAfter) > now && !inUse.has(normaliseSerial(e.serial)) && !revoked.has(normaliseSerial(e.serial)),
  );
  return revokeSerials(ca, files, stale.map((e) => ({ serial: e.serial, identity: e.identity })), "superseded");
}
