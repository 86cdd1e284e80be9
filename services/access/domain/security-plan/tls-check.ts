// TLS posture of each internal service, seen by connecting to it with the access service's client
// certificate: the protocol and cipher it negotiates, its certificate's lifetime and what is left of it,
// and the age of the CA's revocation list (past its nextUpdate, peers may no longer trust it).
import "reflect-metadata";
import fs from "node:fs";
import tls from "node:tls";
import { X509Crl } from "@peculiar/x509";
import type { CheckResult } from "../../../../contracts/security-plan";

export type TlsCheckInput = {
  services: { name: string; url: string }[];
  caFile: string;
  certFile: string;
  keyFile: string;
  crlFile?: string;
};

/** Certificates are short-lived (DESIGN.md): one valid for longer than this is a finding. */
export const maxServiceCertificateDays = 90;
const hour = 3_600_000;

type ServiceFinding = {
  service: string;
  address: string;
  protocol: string | null;
  cipher: string | null;
  subject: string | null;
  notBefore: string | null;
  notAfter: string | null;
  lifetimeHours: number | null;
  remainingHours: number | null;
  problems: string[];
};

function connect(url: URL, input: TlsCheckInput): Promise<tls.TLSSocket> {
  return new Promise((resolve, reject) => {
    const socket = tls.connect({
      host: url.hostname,
      port: Number(url.port || 443),
      ca: fs.readFileSync(input.caFile),
      cert: fs.readFileSync(input.certFile),
      key: fs.readFileSync(input.keyFile),
      // The certificate names a service identity, not this address; the chain is still checked against the CA.
      checkServerIdentity: () => undefined,
      ALPNProtocols: ["http/1.1"],
    });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error("no TLS handshake within 5 s"));
    }, 5_000);
    socket.once("secureConnect", () => {
      clearTimeout(timer);
      resolve(socket);
    });
    socket.once("error", (e) => {
      clearTimeout(timer);
      reject(e);
    });
  });
}

async function inspect(service: { name: string; url: string }, input: TlsCheckInput, now: Date): Promise<ServiceFinding> {
  const url = new URL(service.url);
  const base = { service: service.name, address: url.host };
  try {
    const socket = await connect(url, input);
    const protocol = socket.getProtocol();
    const cipher = socket.getCipher().standardName || socket.getCipher().name;
    const peer = socket.getPeerCertificate();
    socket.destroy();
    const notBefore = new Date(peer.valid_from);
    const notAfter = new Date(peer.valid_to);
    const lifetimeHours = Math.round((notAfter.getTime() - notBefore.getTime()) / hour);
    const remainingHours = Math.round((notAfter.getTime() - now.getTime()) / hour);
    const problems: string[] = [];
    if (protocol !== "TLSv1.3") problems.push(`negotiated ${protocol ?? "no protocol"}, not TLSv1.3`);
    if (remainingHours <= 0) problems.push("its certificate has expired");
    if (lifetimeHours > maxServiceCertificateDays * 24) problems.push(`its certificate is valid for ${Math.round(lifetimeHours / 24)} days (at most ${maxServiceCertificateDays})`);
    return { ...base, protocol, cipher, subject: peer.subject?.CN ? String(peer.subject.CN) : null, notBefore: notBefore.toISOString(), notAfter: notAfter.toISOString(), lifetimeHours, remainingHours, problems };
  } catch (e) {
    return { ...base, protocol: null, cipher: null, subject: null, notBefore: null, notAfter: null, lifetimeHours: null, remainingHours: null, problems: [`could not connect: ${(e as Error).message}`] };
  }
}

function inspectCrl(crlFile: string | undefined, now: Date): { crl: Record<string, unknown>; problems: string[] } {
  if (!crlFile) return { crl: { file: null }, problems: ["no revocation list is configured (TLS_CRL_FILE)"] };
  try {
    const crl = new X509Crl(fs.readFileSync(crlFile).toString());
    const ageHours = Math.round((now.getTime() - crl.thisUpdate.getTime()) / hour);
    const problems = crl.nextUpdate && crl.nextUpdate.getTime() < now.getTime() ? [`the revocation list was due for renewal at ${crl.nextUpdate.toISOString()}`] : [];
    return { crl: { file: crlFile, thisUpdate: crl.thisUpdate.toISOString(), nextUpdate: crl.nextUpdate?.toISOString() ?? null, ageHours, revoked: crl.entries.length }, problems };
  } catch (e) {
    return { crl: { file: crlFile }, problems: [`the revocation list could not be read: ${(e as Error).message}`] };
  }
}

export async function checkTls(input: TlsCheckInput, now: () => Date): Promise<CheckResult> {
  const at = now();
  const services = await Promise.all(input.services.map((s) => inspect(s, input, at)));
  const { crl, problems: crlProblems } = inspectCrl(input.crlFile, at);
  const problems = [...services.flatMap((s) => s.problems.map((p) => `${s.service}: ${p}`)), ...crlProblems];
  const summary = services.filter((s) => s.protocol).map((s) => `${s.service} ${s.protocol} ${s.cipher}, certificate ${s.remainingHours} h left`).join("; ");
  return {
    checkId: "tls.services",
    result: problems.length ? "fail" : "pass",
    sentence: problems.length ? `${problems.join("; ")}.` : `Every service negotiates TLS 1.3 with a short-lived certificate (${summary}); the revocation list is current.`,
    evidence: { services, crl },
    checkedAt: at.toISOString(),
  };
}
