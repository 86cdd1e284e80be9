// The declared purpose rule: a district's token or OAuth client must say why it reaches the district's
// data (its legitimate interest, 34 CFR 99.31(a)(1)(i)(B)); other tenants may. The shape (plain text,
// bounded) is checked by the contract's zod schema at the boundary; this says only whether one is needed.
import { purposeRequiredMessage } from "../../../../contracts/disclosure-api";

/** Whether a credential of this license must declare its purpose (the create dialogs ask for it then). */
export function purposeRequired(license: { tenantKind: "company" | "district" }): boolean {
  return license.tenantKind === "district";
}

export function declaredPurposeErrors(license: { tenantKind: "company" | "district" }, purpose: string | undefined): Record<string, string[]> {
  return purposeRequired(license) && !purpose ? { purpose: [purposeRequiredMessage] } : {};
}
