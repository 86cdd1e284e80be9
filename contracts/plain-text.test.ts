// The plain-text rule and the seat fingerprint built on it: every refusal with its message, NFC, and
// that a value the contract admits never trips the audit trail's secret guard.
import { describe, expect, it } from "vitest";
import { findSecret } from "../services/access/outbox/assert-no-secrets";
import { activateRequest } from "./activation-api";
import { plainTextMessages, plainTextProblem } from "./plain-text";
import { fingerprint } from "./seat-fingerprint";
import { createTenantRequest } from "./tenant-api";

const secretLike = `tlk_${"A".repeat(43)}`;

describe("plainTextProblem", () => {
  it.each([
    ["NUL", "a\u0000b", plainTextMessages.control],
    ["a tab", "a\tb", plainTextMessages.control],
    ["DEL", "a\u007fb", plainTextMessages.control],
    ["a C1 control (NEL)", "a\u0085b", plainTextMessages.control],
    ["a lone high surrogate", "a\ud83db", plainTextMessages.surrogate],
    ["a lone low surrogate", "a\ude00b", plainTextMessages.surrogate],
    ["a right-to-left override", "invoice\u202egpj.exe", plainTextMessages.bidi],
    ["a first-strong isolate", "a\u2068b", plainTextMessages.bidi],
    ["a license key's shape", `machine ${secretLike}`, plainTextMessages.secret],
  ])("refuses %s", (_what, text, message) => {
    expect(plainTextProblem(text)).toBe(message);
  });

  it("admits ordinary text in any script, emoji (a whole surrogate pair) included", () => {
    for (const text of ["Ada's laptop", "Küche-PC", "教室 3", "عربي", "desk 😀", "tlk_short"]) expect(plainTextProblem(text)).toBeNull();
  });
});

describe("the seat fingerprint", () => {
  it("normalises to NFC, so both spellings of é are one fingerprint", () => {
    const decomposed = "cafe\u0301-kiosk";
    expect(fingerprint.parse(decomposed)).toBe("caf\u00e9-kiosk");
    expect(fingerprint.parse(decomposed)).toBe(fingerprint.parse("caf\u00e9-kiosk"));
  });

  it("refuses a secret-shaped fingerprint or name at the contract, so the audit guard never sees one", () => {
    const refused = activateRequest.safeParse({ key: "k", fingerprint: secretLike });
    expect(refused.success).toBe(false);
    expect(refused.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([["fingerprint", plainTextMessages.secret]]);
    expect(activateRequest.safeParse({ key: "k", fingerprint: "ok", name: `my ${secretLike}` }).error?.issues[0]?.path).toEqual(["name"]);
    const admitted = activateRequest.parse({ key: "k", fingerprint: "lab-pc-07", name: "Lab PC 7" });
    expect(findSecret({ data: { fingerprint: admitted.fingerprint, name: admitted.name } })).toBeNull();
  });

  it("still refuses empty and over-long fingerprints and keeps an empty name", () => {
    expect(fingerprint.safeParse("  ").error?.issues[0]?.message).toBe("Enter a fingerprint.");
    expect(fingerprint.safeParse("f".repeat(201)).error?.issues[0]?.message).toBe("At most 200 characters.");
    expect(activateRequest.parse({ key: "k", fingerprint: "x", name: "" }).name).toBe("");
  });
});

describe("tenant names share the rule", () => {
  it("refuses a C1 control and a bidi override in a tenant's name", () => {
    expect(createTenantRequest.safeParse({ slug: "acme", name: "Acme Schools", kind: "company" }).success).toBe(true);
    for (const name of ["Acme\u0085Schools", "Acme\u202eSchools"]) {
      expect(createTenantRequest.safeParse({ slug: "acme", name, kind: "company" }).success, JSON.stringify(name)).toBe(false);
    }
  });
});
