import { describe, expect, it } from "vitest";
import { legitimateInterest, reportDisclosuresRequest } from "../../../../contracts/disclosure-api";
import { declaredPurposeErrors, purposeRequired } from "./declared-purpose";

describe("the declared purpose", () => {
  it("is required of a district's credentials only", () => {
    expect(purposeRequired({ tenantKind: "district" })).toBe(true);
    expect(purposeRequired({ tenantKind: "company" })).toBe(false);
    expect(Object.keys(declaredPurposeErrors({ tenantKind: "district" }, undefined))).toEqual(["purpose"]);
    expect(declaredPurposeErrors({ tenantKind: "district" }, "Nightly attendance reports")).toEqual({});
    expect(declaredPurposeErrors({ tenantKind: "company" }, undefined)).toEqual({});
  });

  it("is plain text on one line, 10 to 500 characters, trimmed", () => {
    expect(legitimateInterest.parse("  Nightly attendance reports  ")).toBe("Nightly attendance reports");
    for (const bad of ["short", "two\nlines", "tab\there", "nul\u0000x", "x".repeat(501), "bell\u0007 character here"]) expect(legitimateInterest.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
  });
});

describe("a component's report", () => {
  const one = { id: "r-1", party: "Tutors", legitimateInterest: "Tutoring", category: "grades", studentIds: ["stu-1"], disclosedAt: "2026-11-30T10:00:00Z", licenseId: "lic_abc" };
  it("names exactly one credential, pseudonymous student ids, and at most 500 disclosures", () => {
    expect(reportDisclosuresRequest.safeParse({ disclosures: [one] }).success).toBe(true);
    expect(reportDisclosuresRequest.safeParse({ disclosures: [{ ...one, tokenId: "tok_abc" }] }).success).toBe(false);
    expect(reportDisclosuresRequest.safeParse({ disclosures: [{ ...one, licenseId: undefined }] }).success).toBe(false);
    expect(reportDisclosuresRequest.safeParse({ disclosures: [{ ...one, studentIds: ["Jane Doe"] }] }).success).toBe(false);
    expect(reportDisclosuresRequest.safeParse({ disclosures: Array.from({ length: 501 }, (_, i) => ({ ...one, id: `r-${i}` })) }).success).toBe(false);
  });
});
