// Permissions as data: what each role may do, and which roles it may grant. Pure, shared by the access
// service (whose routes declare the permission they need, contracts/access-policies.ts) and the web tier
// (which only hides what would be refused). Each permission is named after the resource it reads or writes.
import type { Role } from "./access-api";

export const permissions = [
  "tenants.read", // see a tenant (platform admins: all; others: their own)
  "tenants.write", // create and edit tenants
  "members.read",
  "members.write", // invite and remove people, within the role-escalation rules
  "catalog.read", // components, their scopes and resource servers
  "catalog.write",
  "tiers.read",
  "tiers.write",
  "licenses.read",
  "licenses.write", // create, suspend, reinstate, renew, change tier, revoke
  "license_keys.read", // see a license key (after re-entering the password)
  "activations.write", // release a seat a machine or person holds (a tenant's admins free their own)
  "tokens.read", // a license's tokens and their usage
  "tokens.write", // create, rotate and revoke tokens
  "token_leaks.write", // look a token up by its pasted text, and register secret scanners' signing keys
  "oauth_clients.read",
  "oauth_clients.write", // register and revoke OAuth clients (and with them their tokens)
  "audit.read", // the audit log and its exports (a tenant's people: their tenant's events only)
  "compliance.read", // a district's compliance pages: agreement, disclosures, dispositions, incidents, notices
  "compliance.write", // a district's own filings: disposition requests, acknowledgements of policy notices
  "trust.write", // the public trust page's facts: data inventory, subprocessors, privacy policy versions
  "incidents.write", // open incidents, mark the districts concerned, record notices
  "security_plan.write", // run the self-checks on demand and sign off the periodic access review
  "security_inventory.read", // the Security page's inventory of keys and certificates (metadata, never key material)
  "security_alerts.read", // the anomaly detector's alerts (a tenant's administrators: their tenant's)
  "security_alerts.write", // act on an alert: apply or reverse a response, mark it "not an anomaly" or resolved
  "detector_settings.write", // choose the detector's responses per tenant or tier (shadow or enforce)
  "sign_in_policy.write", // require a second factor of a tenant's people (a tenant's administrators: their own)
  "storage_keys.rotate", // start a storage key rotation (a rewrap job of every license key) and follow its progress
] as const;
export type Permission = (typeof permissions)[number];

export const rolePermissions: Record<Role, readonly Permission[]> = {
  platform_admin: permissions,
  tenant_admin: [
    "tenants.read", "members.read", "members.write", "catalog.read", "tiers.read", "licenses.read", "license_keys.read",
    "activations.write", "tokens.read", "tokens.write", "oauth_clients.read", "oauth_clients.write", "audit.read", "compliance.read", "compliance.write",
    "security_alerts.read", "security_alerts.write", "sign_in_policy.write",
  ],
  tenant_member: ["tenants.read", "members.read", "catalog.read", "tiers.read", "licenses.read", "tokens.read", "oauth_clients.read"],
  district_reviewer: ["tenants.read", "compliance.read"],
};

export function can(role: Role, permission: Permission): boolean {
  return rolePermissions[role].includes(permission);
}

/** How far up a role reaches; nobody grants a role above their own. */
const rank: Record<Role, number> = { platform_admin: 3, tenant_admin: 2, tenant_member: 1, district_reviewer: 1 };

/** Roles a person may be invited with into a tenant (platform administrators belong to no tenant). */
export const tenantRoles = ["tenant_admin", "tenant_member", "district_reviewer"] as const satisfies readonly Role[];
export type TenantRole = (typeof tenantRoles)[number];

/** Which tenant roles `actor` may grant: only with members.write, and never above their own rank. */
export function grantableRoles(actor: Role): TenantRole[] {
  if (!can(actor, "members.write")) return [];
  return tenantRoles.filter((r) => rank[r] <= rank[actor]);
}

export const roleLabels: Record<Role, string> = {
  platform_admin: "Platform administrator",
  tenant_admin: "Tenant administrator",
  tenant_member: "Tenant member",
  district_reviewer: "District reviewer",
};
