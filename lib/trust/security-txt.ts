// /.well-known/security.txt (RFC 9116) from the trust page's security contact: Contact, Expires,
// Preferred-Languages, Canonical and Policy. Pure: the route gives it the facts, the public URL and the time.
import type { TrustResponse } from "@/contracts/trust-api";

/** How long a generated file stays valid: RFC 9116 §2.5.5 recommends less than a year. */
export const securityTxtLifetimeDays = 180;

export function buildSecurityTxt(facts: Pick<TrustResponse, "securityContact">, publicUrl: string, now: Date): string {
  const base = publicUrl.replace(/\/+$/, "");
  const current = facts.securityContact.current?.content;
  const contact = current?.kind === "security_contact" ? current : null;
  const expires = new Date(now.getTime() + securityTxtLifetimeDays * 24 * 60 * 60 * 1000);
  const lines = [
    `# Security contact of this Tessera deployment; generated from ${base}/trust.`,
    ...(contact ? [`Contact: mailto:${contact.email}`] : []),
    // RFC 9116 §2.5.3: a web URI in Contact must be https (a laptop's http://127.0.0.1 is left out).
    ...(base.startsWith("https://") ? [`Contact: ${base}/trust#security`] : []),
    `Expires: ${expires.toISOString().replace(/\.\d{3}Z$/, "Z")}`,
    `Preferred-Languages: ${(contact?.languages ?? ["en"]).join(", ")}`,
    `Canonical: ${base}/.well-known/security.txt`,
    `Policy: ${base}/trust#security`,
  ];
  return `${lines.join("\n")}\n`;
}
