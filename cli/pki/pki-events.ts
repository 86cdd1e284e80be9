// The audit events of PKI actions, one shape whoever acts (`tessera pki` or the launcher's renewal).
import type { IssuedCertificate } from "./issue-certificate";
import type { RevokedEntry } from "./revocation";

type PkiAction = { action: string; target: { type: string; id: string }; data: Record<string, unknown> };

export function caCreatedEvent(serial: string): PkiAction {
  return { action: "pki.ca_init", target: { type: "ca", id: serial }, data: {} };
}

/** `renewal`: issued by the launcher to replace a certificate (an operator's re-issue is an issue that names what it replaced). */
export function issuedEvent(c: IssuedCertificate, renewal = false): PkiAction {
  return {
    action: renewal ? "pki.certificate_renew" : "pki.certificate_issue",
    target: { type: "certificate", id: c.serial },
    data: { identity: c.identity, usage: c.usage, notAfter: c.notAfter.toISOString(), replaces: c.replaces },
  };
}

export function revokedEvent(e: RevokedEntry): PkiAction {
  return { action: "pki.certificate_revoke", target: { type: "certificate", id: e.serial }, data: { identity: e.identity, reason: e.reason } };
}
