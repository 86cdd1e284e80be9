// security.txt as generated, parsed against RFC 9116's rules: required fields present (Contact at least once,
// Expires exactly once and within a year), single fields not repeated, URIs where the RFC wants them.
import { describe, expect, it } from "vitest";
import type { TrustResponse } from "@/contracts/trust-api";
import { buildSecurityTxt } from "./security-txt";

type Parsed = { fields: { name: string; value: string }[]; problems: string[] };

/** A small RFC 9116 §2.4/§2.5 parser: "Name: value" lines, comments and blank lines, and the rules on each field. */
function parseSecurityTxt(text: string, now: Date): Parsed {
  const problems: string[] = [];
  const fields: Parsed["fields"] = [];
  if (!text.endsWith("\n")) problems.push("the last line must end with a line break");
  for (const line of text.split(/\r?\n/)) {
    if (line === "" || line.startsWith("#")) continue;
    const match = /^([A-Za-z0-9-]+): (.+)$/.exec(line);
    if (!match?.[1] || !match[2]) {
      problems.push(`not a field: ${line}`);
      continue;
    }
    fields.push({ name: match[1].toLowerCase(), value: match[2] });
  }
  const all = (name: string) => fields.filter((f) => f.name === name).map((f) => f.value);
  const isUri = (v: string) => URL.canParse(v);
  const contacts = all("contact");
  if (contacts.length === 0) problems.push("Contact is required (§2.5.3)");
  for (const c of contacts) {
    if (!isUri(c)) problems.push(`Contact is not a URI: ${c}`);
    else if (/^https?:/.test(c) && !c.startsWith("https://")) problems.push(`a web Contact must be https: ${c}`);
  }
  const expires = all("expires");
  if (expires.length !== 1) problems.push("Expires must appear exactly once (§2.5.5)");
  for (const e of expires) {
    if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(e)) problems.push(`Expires is not an RFC 3339 date-time: ${e}`);
    const at = Date.parse(e);
    if (!(at > now.getTime())) problems.push("Expires is in the past");
    if (at - now.getTime() > 365 * 24 * 60 * 60 * 1000) problems.push("Expires is more than a year ahead");
  }
  if (all("preferred-languages").length > 1) problems.push("Preferred-Languages must appear at most once (§2.5.8)");
  for (const langs of all("preferred-languages")) for (const tag of langs.split(",")) if (!/^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$/.test(tag.trim())) problems.push(`not a language tag: ${tag}`);
  for (const name of ["canonical", "policy"]) for (const v of all(name)) if (!isUri(v)) problems.push(`${name} is not a URI: ${v}`);
  for (const v of all("canonical")) if (!v.startsWith("https://") && !v.startsWith("http://")) problems.push("Canonical must be a web URI");
  return { fields, problems };
}

const contact = (email: string, languages: string[]): Pick<TrustResponse, "securityContact"> => {
  const doc = { id: "tdv_1", kind: "security_contact" as const, version: 3, summary: "s", material: false, publishedAt: "2026-01-01T00:00:00.000Z", effectiveAt: "2026-01-01T00:00:00.000Z",
    content: { kind: "security_contact" as const, coordinator: "Dana", email, notification: ["n"], languages } };
  return { securityContact: { current: doc, versions: [doc] } };
};
const now = new Date("2026-12-02T12:00:00.000Z");

describe("security.txt", () => {
  it("has every field RFC 9116 requires and the ones we promise, valid and expiring within a year", () => {
    const text = buildSecurityTxt(contact("security@tessera.example", ["en", "es"]), "https://tessera.example/", now);
    const parsed = parseSecurityTxt(text, now);
    expect(parsed.problems).toEqual([]);
    const value = (name: string) => parsed.fields.filter((f) => f.name === name).map((f) => f.value);
    expect(value("contact")).toEqual(["mailto:security@tessera.example", "https://tessera.example/trust#security"]);
    expect(value("preferred-languages")).toEqual(["en, es"]);
    expect(value("canonical")).toEqual(["https://tessera.example/.well-known/security.txt"]);
    expect(value("policy")).toEqual(["https://tessera.example/trust#security"]);
    expect(value("expires")).toEqual(["2027-05-31T12:00:00Z"]);
  });

  it("leaves out a plain-http web contact, and still has a contact while the e-mail is set", () => {
    const parsed = parseSecurityTxt(buildSecurityTxt(contact("sec@x.example", ["en"]), "http://127.0.0.1:3000", now), now);
    expect(parsed.problems).toEqual([]);
    expect(parsed.fields.filter((f) => f.name === "contact").map((f) => f.value)).toEqual(["mailto:sec@x.example"]);
  });

  it("the parser catches what the RFC forbids (so the test above can fail)", () => {
    const bad = "Contact: http://x.example\nExpires: 2030-01-01T00:00:00Z\nExpires: 2026-12-03T00:00:00Z\nPreferred-Languages: en\nPreferred-Languages: de\n";
    expect(parseSecurityTxt(bad, now).problems).toEqual([
      "a web Contact must be https: http://x.example",
      "Expires must appear exactly once (§2.5.5)",
      "Expires is more than a year ahead",
      "Preferred-Languages must appear at most once (§2.5.8)",
    ]);
    expect(parseSecurityTxt("Expires: 2027-01-01T00:00:00Z", now).problems).toEqual(["the last line must end with a line break", "Contact is required (§2.5.3)"]);
  });
});
