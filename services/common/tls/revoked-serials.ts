// The serial numbers a CRL lists, normalised for comparison with peer certificates. The TLS stack verifies
// the CRL's signature itself when it checks a handshake; this list only decides which live connections to end.
import "reflect-metadata";
import { X509Crl } from "@peculiar/x509";
import { normaliseSerial } from "../../../contracts/tls-policy";

export function revokedSerials(crlPem: Buffer | string | undefined): Set<string> {
  if (!crlPem) return new Set();
  const crl = new X509Crl(crlPem.toString());
  return new Set(crl.entries.map((e) => normaliseSerial(e.serialNumber)));
}
