// `tessera pki init|issue|revoke|crl|list`: the operator's internal CA. Every action is an audit event.
import { parseArgs } from "node:util";
import { certificateUsages, type CertificateUsage } from "../../contracts/tls-policy";
import { homeLayout, tesseraHome } from "../home";
import { initCa, loadCa } from "./certificate-authority";
import { issueCertificate } from "./issue-certificate";
import { listCertificates } from "./list-certificates";
import { caCreatedEvent, issuedEvent, revokedEvent } from "./pki-events";
import { publishCrl, revokeCertificate } from "./revocation";
import { recordOperatorEvents } from "../operator-events/operator-events";

const usageText = "usage: tessera pki init | issue <identity> [--usage client|server] [--hours N] [--host NAME]... | revoke <identity|serial> | crl | list";

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
        options: { hours: { type: "string" }, host: { type: "string", multiple: true }, usage: { type: "string", default: "client" } },
      });
      const identity = positionals[0];
      if (!identity) throw new Error("name the identity: tessera pki issue <identity>");
      const hours = values.hours ? Number(values.hours) : undefined;
      if (hours !== undefined && !(hours > 0 && hours <= 24 * 90)) throw new Error("--hours must be between 0 and 2160");
      const usage = values.usage as CertificateUsage;
      if (!certificateUsages.includes(usage)) throw new Error("--usage must be client (to call services) or server (to serve them)");
      const issued = await issueCertificate(await loadCa(files), files, identity, { usage, hours, hosts: values.host });
      console.log(
        `Issued a ${usage} certificate for ${identity}: serial ${issued.serial}, valid until ${issued.notAfter.toISOString()}` +
          `${issued.replaces ? ` (replaces ${issued.replaces}, still valid until revoked or expired)` : ""}\n  certificate ${issued.certFile}\n  key         ${issued.keyFile}`,
      );
      await recordOperatorEvents([issuedEvent(issued)]);
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
