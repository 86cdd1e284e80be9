// `tessera pki init|issue|revoke|crl|list`: the operator's internal CA. Every action is an audit event.
import { parseArgs } from "node:util";
import { certificateUsages, normaliseSerial, type CertificateUsage } from "../../contracts/tls-policy";
import { homeLayout, tesseraHome, type PkiFiles } from "../home";
import { recordOperatorEvents, type OperatorAction } from "../operator-events/operator-events";
import { initCa, loadCa, type LoadedCa } from "./certificate-authority";
import { issueCertificate, type IssuedCertificate } from "./issue-certificate";
import { listCertificates } from "./list-certificates";
import { caCreatedEvent, issuedEvent, revokedEvent } from "./pki-events";
import { publishCrl, revokeCertificate, revokeSerials } from "./revocation";

const usageText = "usage: tessera pki init | issue <identity> [--usage client|server] [--hours N] [--host NAME]... [--revoke-previous] | revoke <identity|serial> | crl | list";

export async function run(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  const { pki: files } = homeLayout(tesseraHome());
  switch (sub) {
    case "init": {
      const ca = await initCa(files);
      await publishCrl(ca, files, []);
      console.log(`Created the internal CA in ${files.dir} (${ca.cert.subject}).`);
      await recordOperatorEvents([caCreatedEvent(ca.cert.serialNumber.toLowerCase())]);
      return 0;
    }
    case "issue": {
      const { positionals, values } = parseArgs({
        args: rest,
        allowPositionals: true,
        options: { hours: { type: "string" }, host: { type: "string", multiple: true }, usage: { type: "string", default: "client" }, "revoke-previous": { type: "boolean", default: false } },
      });
      const identity = positionals[0];
      if (!identity) throw new Error("name the identity: tessera pki issue <identity>");
      const hours = values.hours ? Number(values.hours) : undefined;
      if (hours !== undefined && !(hours > 0 && hours <= 24 * 90)) throw new Error("--hours must be between 0 and 2160");
      const usage = values.usage as CertificateUsage;
      if (!certificateUsages.includes(usage)) throw new Error("--usage must be client (to call services) or server (to serve them)");
      const ca = await loadCa(files);
      const issued = await issueCertificate(ca, files, identity, { usage, hours, hosts: values.host });
      console.log(`Issued a ${usage} certificate for ${identity}: serial ${issued.serial}, valid until ${issued.notAfter.toISOString()}\n  certificate ${issued.certFile}\n  key         ${issued.keyFile}`);
      const previous = await settlePrevious(ca, files, issued, values["revoke-previous"]);
      if (previous.message) console.log(previous.message);
      await recordOperatorEvents([issuedEvent(issued), ...previous.events]);
      return 0;
    }
    case "revoke": {
      const target = rest[0];
      if (!target) throw new Error("name an identity or a serial number: tessera pki revoke <identity|serial>");
      const { revoked, untouched } = await revokeCertificate(await loadCa(files), files, target);
      for (const e of revoked) console.log(`Revoked serial ${e.serial}${e.identity ? ` (${e.identity})` : ""}.`);
      if (revoked.length === 0) console.log(`Nothing left to revoke for ${target}${untouched.length ? ` (${untouched.length} certificate(s) already revoked or expired)` : ""}.`);
      else console.log("Services and clients refuse it within a second, on open connections too.");
      await recordOperatorEvents(revoked.map(revokedEvent));
      return 0;
    }
    case "crl": {
      await publishCrl(await loadCa(files), files);
      console.log(`Published ${files.crl}.`);
      return 0;
    }
    case "list": {
      const rows = (await listCertificates(files)).sort((a, b) => a.identity.localeCompare(b.identity) || a.issuedAt.localeCompare(b.issuedAt));
      for (const c of rows) {
        console.log(`${c.identity.padEnd(20)} ${c.usage.padEnd(13)} ${c.serial}  until ${c.notAfter}  ${c.state}${c.revokedAt ? ` ${c.revokedAt}` : ""}`);
      }
      return 0;
    }
    default:
      throw new Error(usageText);
  }
}

/**
 * What became of the certificate the new one replaced in its files: a certificate is valid until it expires
 * or is revoked, wherever a copy of it is, so a re-issue leaves it valid and says so; `--revoke-previous`
 * revokes it (as superseded: `pki list` shows it replaced) and services refuse it within a second.
 */
async function settlePrevious(ca: LoadedCa, files: PkiFiles, issued: IssuedCertificate, revoke: boolean): Promise<{ message: string | null; events: OperatorAction[] }> {
  if (!issued.replaces) return { message: null, events: [] };
  const serial = issued.replaces;
  const previous = (await listCertificates(files)).find((c) => normaliseSerial(c.serial) === normaliseSerial(serial));
  if (previous && previous.state !== "valid") return { message: `It replaces serial ${serial} in these files (already ${previous.state}).`, events: [] };
  if (revoke) {
    const revoked = await revokeSerials(ca, files, [{ serial, identity: issued.identity }], "superseded");
    return { message: `It replaces serial ${serial}, now revoked: services and clients refuse it within a second.`, events: revoked.map(revokedEvent) };
  }
  const until = previous ? ` until ${previous.notAfter}` : " until it expires";
  return {
    message: `It replaces serial ${serial} in these files; that certificate stays valid${until} wherever a copy of it is. To retire it now: tessera pki revoke ${serial} (or issue with --revoke-previous).`,
    events: [],
  };
}
