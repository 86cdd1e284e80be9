// `tessera pki init|issue|revoke|crl|list`: the operator's internal CA.
import { parseArgs } from "node:util";
import { homeLayout, tesseraHome } from "../home";
import { initCa, loadCa } from "../pki/certificate-authority";
import { issueCertificate, readIssued } from "../pki/issue-certificate";
import { publishCrl, readRevoked, revokeCertificate } from "../pki/revocation";
import { recordOperatorEvent } from "../system/operator-events";
import fs from "node:fs/promises";

export async function run(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  const { pki: files } = homeLayout(tesseraHome());
  switch (sub) {
    case "init": {
      const ca = await initCa(files);
      await publishCrl(ca, files, []);
      console.log(`Created the internal CA in ${files.dir} (${ca.cert.subject}).`);
      await recordOperatorEvent("pki.ca_init", { type: "ca", id: ca.cert.serialNumber }, {});
      return 0;
    }
    case "issue": {
      const { positionals, values } = parseArgs({ args: rest, allowPositionals: true, options: { hours: { type: "string" }, host: { type: "string", multiple: true } } });
      const identity = positionals[0];
      if (!identity) throw new Error("name the identity: tessera pki issue <identity>");
      const hours = values.hours ? Number(values.hours) : undefined;
      if (hours !== undefined && !(hours > 0 && hours <= 24 * 90)) throw new Error("--hours must be between 0 and 2160");
      const issued = await issueCertificate(await loadCa(files), files, identity, { hours, hosts: values.host });
      console.log(`Issued ${identity}: serial ${issued.serial}, valid until ${issued.notAfter.toISOString()}\n  certificate ${issued.certFile}\n  key         ${issued.keyFile}`);
      await recordOperatorEvent("pki.certificate_issue", { type: "certificate", id: issued.serial }, { identity, notAfter: issued.notAfter.toISOString() });
      return 0;
    }
    case "revoke": {
      const target = rest[0];
      if (!target) throw new Error("name a serial number or identity: tessera pki revoke <serial|identity>");
      const entry = await revokeCertificate(await loadCa(files), files, target);
      console.log(`Revoked serial ${entry.serial}${entry.identity ? ` (${entry.identity})` : ""}. Services reload the revocation list within seconds.`);
      await recordOperatorEvent("pki.certificate_revoke", { type: "certificate", id: entry.serial }, { identity: entry.identity });
      return 0;
    }
    case "crl": {
      await publishCrl(await loadCa(files), files);
      console.log(`Published ${files.crl}.`);
      return 0;
    }
    case "list": {
      const names = (await fs.readdir(files.issuedDir).catch(() => [])).filter((n) => n.endsWith(".crt")).map((n) => n.slice(0, -4));
      const revoked = new Set((await readRevoked(files)).map((r) => r.serial));
      for (const name of names.sort()) {
        const info = await readIssued(files, name);
        if (info) console.log(`${name.padEnd(20)} ${info.serial}  until ${info.notAfter.toISOString()}${revoked.has(info.serial) ? "  REVOKED" : ""}`);
      }
      return 0;
    }
    default:
      throw new Error("usage: tessera pki init | issue <identity> | revoke <serial|identity> | crl | list");
  }
}
